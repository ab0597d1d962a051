using Orchestrator.Grains.Tests.Infrastructure;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// A sweep hands out its pilot cells (each series' three smallest sizes at its first seed) before the rest, so every
/// series is fitted early; the rest still go largest first.
/// </summary>
public sealed class PilotOrderTests
{
    [Fact]
    public async Task The_first_results_are_every_series_pilot_cells_and_the_fits_follow_them()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(), slots: 2, window: 2);
        var spec = TestSpecs.Parse("""
            name: pilot
            experiment: synthetic
            grid:
              optimizer: [gd, adam]
              spectrum: [1.0]
              size: [32, 64, 128, 256, 512, 1024]
              seed: [0, 1, 2]
            settings:
              alpha: 0.3
              sigma: 0.05
            fit:
              bootstrap: 100
            """);
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);

        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        await TestSpecs.WaitFinishedAsync(sweep);
        var results = await cluster.Client.GetGrain<IAggregatorGrain>(spec.Name).GetResultsAsync();

        // Six pilot cells (2 series × 3 sizes) go out first, two at a time. The first results are pilots; one of the
        // first two cells may report late (a report lost on the way is collected at the next reconciliation), so five.
        Assert.All(results.Cells.Take(5), c => Assert.True(c.Seed == 0 && c.Size <= 128, $"{c.Optimizer} {c.Size} {c.Seed}"));
        Assert.Contains(results.Cells.Skip(5).Take(3), c => c.Size == 1024);
        Assert.Equal(36, results.Cells.Count);
    }
}
