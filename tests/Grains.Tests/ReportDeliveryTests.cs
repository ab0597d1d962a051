using Orchestrator.Grains.Tests.Infrastructure;
using Orchestrator.Specs;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// A finished cell's report reaches its sweep as soon as its result is stored. The sweep's reconciliation, which would
/// also collect it, is put minutes away here, so that a report that is late or lost shows.
/// </summary>
public sealed class ReportDeliveryTests
{
    private static readonly TimeSpan NoReconciliation = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Cells of equal length handed out together finish together and store their results at the same moment: each of
    /// them is counted before any cell handed out after them, which runs as long again, has finished.
    /// </summary>
    [Fact]
    public async Task Cells_that_finish_together_are_all_counted_before_the_cells_after_them()
    {
        const int window = 8;
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(), slots: window,
            window: window, reconcileInterval: NoReconciliation);
        var spec = TestSpecs.Parse("""
            name: together
            experiment: synthetic
            grid:
              optimizer: [gd, adam]
              spectrum: [1.0]
              size: [32, 64, 128, 256]
              seed: [0, 1, 2]
            settings:
              alpha: 0.3
              duration: 0.2
            """);
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);

        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        var status = await TestSpecs.WaitAsync(sweep, s => s.IsFinished, TimeSpan.FromMinutes(1));
        var results = await cluster.Client.GetGrain<IAggregatorGrain>(spec.Name).GetResultsAsync();

        Assert.Equal((SweepState.Completed, 24), (status.State, status.Done));
        var firstHandedOut = SpecGrowth.DispatchOrder([spec], pilotFirst: true).Take(window).Select(c => c.Id).Order();
        Assert.Equal(firstHandedOut, results.Cells.Take(window).Select(c => c.CellId).Order());
    }
}
