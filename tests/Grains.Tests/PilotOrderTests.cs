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
              duration: 0.0002
              duration_exponent: 1
            fit:
              bootstrap: 100
            """);
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);

        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        await TestSpecs.WaitFinishedAsync(sweep);
        var results = await cluster.Client.GetGrain<IAggregatorGrain>(spec.Name).GetResultsAsync();

        // Six pilot cells (2 series × 3 sizes) go out first, two at a time, and are the first six results. A cell's
        // cost grows with its size, as in real sweeps: the last pilot, of the smallest size, ends long before the
        // largest cells handed out beside it, which are the next results.
        Assert.All(results.Cells.Take(6), c => Assert.True(c.Seed == 0 && c.Size <= 128, $"{c.Optimizer} {c.Size} {c.Seed}"));
        Assert.All(results.Cells.Skip(6).Take(2), c => Assert.Equal(1024, c.Size));
        Assert.Equal(36, results.Cells.Count);
    }
}
