using Orchestrator.Grains.Telemetry;

namespace Orchestrator.Telemetry.Tests;

public sealed class SweepEtaTests
{
    [Fact]
    public void The_eta_extrapolates_the_mean_rate_of_finished_cells()
    {
        // 10 cells in 50 s: 5 s a cell, 30 cells left.
        Assert.Equal(150, SweepEta.EstimateSeconds(finished: 10, remaining: 30, TimeSpan.FromSeconds(50)));
    }

    [Fact]
    public void There_is_no_eta_before_the_first_cell_and_zero_when_nothing_remains()
    {
        Assert.Null(SweepEta.EstimateSeconds(finished: 0, remaining: 5, TimeSpan.FromSeconds(10)));
        Assert.Equal(0, SweepEta.EstimateSeconds(finished: 0, remaining: 0, TimeSpan.Zero));
        Assert.Equal(0, SweepEta.EstimateSeconds(finished: 7, remaining: 0, TimeSpan.FromSeconds(10)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SweepEta.EstimateSeconds(-1, 1, TimeSpan.FromSeconds(1)));
    }
}
