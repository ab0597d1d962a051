using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Grains.Tests.Infrastructure;

namespace Orchestrator.Grains.Tests;

/// <summary>Sweep → run → aggregator on an in-process cluster with SQLite grain state.</summary>
public sealed class SweepFlowTests
{
    [Fact]
    public async Task SweepRunsEveryCellOnceAndFitsEverySeries()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        var spec = TestSpecs.Tiny();
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);

        var outcome = await sweep.SubmitAsync(TestSpecs.Submission(spec));
        var status = await TestSpecs.WaitFinishedAsync(sweep);

        Assert.Equal(SubmitKind.Started, outcome.Kind);
        Assert.Equal(SweepState.Completed, status.State);
        Assert.Equal((12, 12, 0, 0, 0), (status.Total, status.Done, status.Failed, status.Pending, status.Running));

        var results = await cluster.Client.GetGrain<IAggregatorGrain>(spec.Name).GetResultsAsync();
        Assert.Equal(spec.ExpandCells().Select(c => c.Id).Order(), results.Cells.Select(c => c.CellId).Order());
        Assert.All(results.Cells, c => Assert.True(double.IsFinite(c.FinalLoss) && c.FinalLoss > 0));

        foreach (var cell in spec.ExpandCells())
        {
            var record = await cluster.Client.GetGrain<IRunGrain>(cell.Id).GetRecordAsync();
            Assert.Equal(CellStatus.Succeeded, record.Status);
            Assert.Single(record.Attempts);
        }

        var fits = System.Text.Json.JsonSerializer.SerializeToNode(results.Analysis.Fits)!.AsArray();
        foreach (var optimizer in new[] { "gd", "natural-gradient" })
        {
            var power = fits.Single(f => (string)f!["optimizer"]! == optimizer && (string)f!["law"]! == "power");
            Assert.True(double.IsFinite((double)power!["alpha"]!));
            Assert.Equal(3, (int)power["n_sizes"]!);
            Assert.Equal(6, (int)power["n_cells"]!);
        }
    }

    [Fact]
    public async Task DuplicateCompletionChangesNothing()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        var spec = TestSpecs.Tiny();
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);
        var aggregator = cluster.Client.GetGrain<IAggregatorGrain>(spec.Name);
        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        var finished = await TestSpecs.WaitFinishedAsync(sweep);
        var before = await aggregator.GetResultsAsync();

        var cell = spec.ExpandCells().First();
        var run = cluster.Client.GetGrain<IRunGrain>(cell.Id);
        var stored = await run.RunAsync(new CellAssignment(spec.Name, cell.Id, cell.ToJson(), 1));
        Assert.NotNull(stored);
        await sweep.ReportAsync(stored!);

        var after = await aggregator.GetResultsAsync();
        Assert.Equal(finished, await sweep.GetStatusAsync());
        Assert.Equal(JsonSerializer.Serialize(before.Analysis), JsonSerializer.Serialize(after.Analysis));
        Assert.Equivalent(before.Cells.Single(c => c.CellId == cell.Id), after.Cells.Single(c => c.CellId == cell.Id), strict: true);
        Assert.Single((await run.GetRecordAsync()).Attempts);
    }

    [Fact]
    public async Task IdenticalSpecAttachesAndChangedSpecIsRefused()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        var spec = TestSpecs.Tiny();
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);
        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        var finished = await TestSpecs.WaitFinishedAsync(sweep);

        var again = await sweep.SubmitAsync(TestSpecs.Submission(TestSpecs.Tiny()));
        var changed = await sweep.SubmitAsync(TestSpecs.Submission(TestSpecs.Tiny(sizes: "[16, 32, 64, 128]", steps: 60)));

        Assert.Equal(SubmitKind.Attached, again.Kind);
        Assert.Equal(finished, again.Status);
        // New sizes alone would grow the sweep; with a changed setting the spec is another sweep's.
        Assert.Equal(SubmitKind.Conflict, changed.Kind);
        Assert.Equal(["grid.size: [16, 32, 64] -> [16, 32, 64, 128]", "settings.steps: 50 -> 60"], changed.Differences);
        Assert.Equal(finished, await sweep.GetStatusAsync());
    }

    [Fact]
    public async Task CancelStopsDispatchingAndLetsRunningCellsFinish()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(), slots: 1, window: 1);
        var spec = TestSpecs.Slow("cancelled");
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);
        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        await TestSpecs.WaitAsync(sweep, s => s.Done >= 1);

        var cancelled = await sweep.CancelAsync();
        var settled = await TestSpecs.WaitAsync(sweep, s => s.Running == 0);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        var later = await sweep.GetStatusAsync();

        Assert.Equal(SweepState.Cancelled, cancelled.State);
        Assert.Equal(SweepState.Cancelled, settled.State);
        Assert.True(settled.Pending > 0, $"nothing was left pending: {settled}");
        Assert.Equal(settled, later);
        var results = await cluster.Client.GetGrain<IAggregatorGrain>(spec.Name).GetResultsAsync();
        Assert.Equal(settled.Done, results.Cells.Count);
    }
}
