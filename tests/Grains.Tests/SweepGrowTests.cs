using System.Globalization;
using System.Text.Json;
using Orchestrator.Grains.Tests.Infrastructure;
using Orchestrator.Specs;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// A sweep grown by resubmitting its spec with new grid values: it keeps its cells (ids, results, single attempts),
/// runs only the new ones, and its fits equal those of a fresh sweep of the grown grid.
/// </summary>
public sealed class SweepGrowTests
{
    private static SweepSpec Synthetic(string name, string seeds, double duration = 0, string sizes = "[32, 64, 128, 256, 512]") =>
        TestSpecs.Parse($"""
            name: {name}
            experiment: synthetic
            grid:
              optimizer: [gd, natural-gradient]
              spectrum: [1.0]
              size: {sizes}
              seed: {seeds}
            settings:
              alpha: 0.3
              sigma: 0.05
              duration: {duration.ToString(CultureInfo.InvariantCulture)}
            fit:
              bootstrap: 200
            """);

    [Fact]
    public async Task GrowingAFinishedSweepRunsOnlyTheNewCellsAndFitsAsAFreshSweepWould()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        var first = Synthetic("grown", "[0, 1]");
        var grown = Synthetic("grown", "[0, 1, 2]");
        var sweep = cluster.Client.GetGrain<ISweepGrain>("grown");
        await sweep.SubmitAsync(TestSpecs.Submission(first));
        await TestSpecs.WaitFinishedAsync(sweep);
        var before = await cluster.Client.GetGrain<IAggregatorGrain>("grown").GetResultsAsync();

        var outcome = await sweep.SubmitAsync(TestSpecs.Submission(grown));
        var status = await TestSpecs.WaitFinishedAsync(sweep);

        Assert.Equal((SubmitKind.Grown, 10), (outcome.Kind, outcome.AddedCells));
        Assert.Equal(["grid.seed: [0, 1] -> [0, 1, 2]"], outcome.Differences);
        Assert.Equal((SweepState.Completed, 30, 30, 0, 0), (status.State, status.Total, status.Done, status.Failed, status.Pending));
        var results = await cluster.Client.GetGrain<IAggregatorGrain>("grown").GetResultsAsync();
        Assert.Equal(grown.ExpandCells().Select(c => c.Id).Order(), results.Cells.Select(c => c.CellId).Order());
        // The old cells are the same outcomes, each from its single attempt.
        foreach (var old in before.Cells)
        {
            Assert.Equivalent(old, results.Cells.Single(c => c.CellId == old.CellId), strict: true);
        }

        foreach (var cell in grown.ExpandCells())
        {
            Assert.Single((await cluster.Client.GetGrain<IRunGrain>(cell.Id).GetRecordAsync()).Attempts);
        }

        // Resubmitting the grown spec attaches to the grown sweep.
        var again = await sweep.SubmitAsync(TestSpecs.Submission(grown));
        Assert.Equal((SubmitKind.Attached, status), (again.Kind, again.Status));

        await using var other = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        var fresh = other.Client.GetGrain<ISweepGrain>("grown");
        await fresh.SubmitAsync(TestSpecs.Submission(grown));
        await TestSpecs.WaitFinishedAsync(fresh);
        var freshResults = await other.Client.GetGrain<IAggregatorGrain>("grown").GetResultsAsync();
        Assert.Equal(JsonSerializer.Serialize(freshResults.Analysis), JsonSerializer.Serialize(results.Analysis));
    }

    [Fact]
    public async Task GrowingARunningSweepAppendsTheNewCellsAndKeepsTheOldOnesInFlight()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(), slots: 2, window: 2);
        var first = Synthetic("mid-run", "[0]", duration: 0.3);
        var grown = Synthetic("mid-run", "[0, 1]", duration: 0.3, sizes: "[32, 64, 128, 256, 512, 1024]");
        var sweep = cluster.Client.GetGrain<ISweepGrain>("mid-run");
        await sweep.SubmitAsync(TestSpecs.Submission(first));
        var running = await TestSpecs.WaitAsync(sweep, s => s.Done >= 1 && s.Running >= 1);
        Assert.Equal(SweepState.Running, running.State);

        var outcome = await sweep.SubmitAsync(TestSpecs.Submission(grown));
        Assert.Equal((SubmitKind.Grown, 14, 24), (outcome.Kind, outcome.AddedCells, outcome.Status.Total));
        var status = await TestSpecs.WaitFinishedAsync(sweep);

        Assert.Equal((SweepState.Completed, 24, 24, 0), (status.State, status.Total, status.Done, status.Failed));
        var results = await cluster.Client.GetGrain<IAggregatorGrain>("mid-run").GetResultsAsync();
        Assert.Equal(grown.ExpandCells().Select(c => c.Id).Order(), results.Cells.Select(c => c.CellId).Order());
        Assert.All(results.Cells, c => Assert.Equal(1, c.Attempts));
        Assert.Equal(24, results.Analysis.Fits.Sum(f => f.Law == "power" ? f.CellCount : 0));
    }

    [Fact]
    public async Task ASpecWithoutSomeOfTheSweepsValuesIsRefusedWithWhatWouldGo()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        var sweep = cluster.Client.GetGrain<ISweepGrain>("kept");
        await sweep.SubmitAsync(TestSpecs.Submission(Synthetic("kept", "[0, 1, 2]")));
        var finished = await TestSpecs.WaitFinishedAsync(sweep);

        var shrunk = await sweep.SubmitAsync(TestSpecs.Submission(Synthetic("kept", "[0, 3]")));

        Assert.Equal(SubmitKind.Shrunk, shrunk.Kind);
        Assert.Equal(["grid.seed: 1, 2"], shrunk.Differences);
        Assert.Equal(20, shrunk.RemovedCells);
        Assert.Equal(finished, await sweep.GetStatusAsync());
        Assert.Equal(Synthetic("kept", "[0, 1, 2]").CanonicalJson, await sweep.GetSpecAsync());

        // --new starts afresh with the smaller grid.
        var replaced = await sweep.SubmitAsync(TestSpecs.Submission(Synthetic("kept", "[0, 3]"), replace: true));
        Assert.Equal(SubmitKind.Started, replaced.Kind);
        Assert.Equal(20, (await TestSpecs.WaitFinishedAsync(sweep)).Total);
    }

    [Fact]
    public async Task ACancelledSweepIsNotGrown()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(), slots: 1, window: 1);
        var sweep = cluster.Client.GetGrain<ISweepGrain>("stopped");
        await sweep.SubmitAsync(TestSpecs.Submission(Synthetic("stopped", "[0]", duration: 0.3)));
        await sweep.CancelNowAsync();
        var cancelled = await sweep.GetStatusAsync();

        var outcome = await sweep.SubmitAsync(TestSpecs.Submission(Synthetic("stopped", "[0, 1]", duration: 0.3)));

        Assert.Equal(SubmitKind.Rejected, outcome.Kind);
        Assert.Contains("cancelled", Assert.Single(outcome.Errors!), StringComparison.Ordinal);
        Assert.Equal(cancelled, await sweep.GetStatusAsync());
    }

    [Fact]
    public async Task AGrownAxisThatMovesTheFitSettingsRefitsEveryCellWithTheNewOnes()
    {
        // The random-features analysis is given the largest steps T; growing the steps axis moves it.
        static SweepSpec Steps(string name, string steps) => TestSpecs.Parse($"""
            name: {name}
            experiment: random-features
            grid:
              optimizer: [gd]
              spectrum: [1.0]
              size: [16, 32, 64]
              seed: [0, 1]
              steps: {steps}
            settings:
              latent_dim: 256
              lr: auto
            fit:
              bootstrap: 100
            """);

        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        var sweep = cluster.Client.GetGrain<ISweepGrain>("steps");
        await sweep.SubmitAsync(TestSpecs.Submission(Steps("steps", "[20]")));
        await TestSpecs.WaitFinishedAsync(sweep);
        var outcome = await sweep.SubmitAsync(TestSpecs.Submission(Steps("steps", "[20, 40]")));
        Assert.Equal(SubmitKind.Grown, outcome.Kind);
        await TestSpecs.WaitFinishedAsync(sweep);
        var grown = await cluster.Client.GetGrain<IAggregatorGrain>("steps").GetResultsAsync();

        var fresh = cluster.Client.GetGrain<ISweepGrain>("steps-fresh");
        await fresh.SubmitAsync(TestSpecs.Submission(Steps("steps-fresh", "[20, 40]")));
        await TestSpecs.WaitFinishedAsync(fresh);
        var freshResults = await cluster.Client.GetGrain<IAggregatorGrain>("steps-fresh").GetResultsAsync();

        Assert.Equal(JsonSerializer.Serialize(freshResults.Analysis), JsonSerializer.Serialize(grown.Analysis));
    }
}
