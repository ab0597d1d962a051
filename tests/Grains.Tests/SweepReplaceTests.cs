using Orchestrator.Grains.Tests.Infrastructure;
using Orchestrator.Specs;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// Replacing a running sweep (<c>submit --new</c>) starts a new generation: the old generation's counted but unsent
/// cells and its cells in flight are not the new one's, and its results hold exactly the new grid's cells.
/// </summary>
public sealed class SweepReplaceTests
{
    private static SweepSpec Synthetic(string sizes, double duration) => TestSpecs.Parse($"""
        name: replaced
        experiment: synthetic
        grid:
          optimizer: [gd]
          spectrum: [1.0]
          size: {sizes}
          seed: [0]
        settings:
          alpha: 0.3
          duration: {duration.ToString(System.Globalization.CultureInfo.InvariantCulture)}
        """);

    [Fact]
    public async Task ReplacingARunningSweepKeepsOnlyTheNewGridsCells()
    {
        // A long flush interval keeps the old sweep's finished cells in its unsent buffer when it is replaced.
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(), slots: 2, window: 2,
            flushInterval: TimeSpan.FromSeconds(30));
        var old = Synthetic("[16, 32, 64, 128, 256, 512]", duration: 1);
        var replacement = Synthetic("[1024, 2048, 4096]", duration: 0.2);
        var sweep = cluster.Client.GetGrain<ISweepGrain>("replaced");
        await sweep.SubmitAsync(TestSpecs.Submission(old));
        // Some old cells are counted (not yet handed to the aggregator) and others are running.
        await TestSpecs.WaitAsync(sweep, s => s.Done >= 1 && s.Running >= 1);

        var outcome = await sweep.SubmitAsync(TestSpecs.Submission(replacement, replace: true));
        Assert.Equal(SubmitKind.Started, outcome.Kind);
        var status = await TestSpecs.WaitFinishedAsync(sweep);
        // The old kernels cancelled by the replacement report late; give those reports the time to arrive.
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        var expected = replacement.ExpandCells().Select(c => c.Id).Order().ToList();
        var results = await cluster.Client.GetGrain<IAggregatorGrain>("replaced").GetResultsAsync();
        Assert.Equal(expected, results.Cells.Select(c => c.CellId).Order().ToList());
        Assert.Equal((SweepState.Completed, replacement.CellCount, replacement.CellCount, 0, 0),
            (status.State, status.Total, status.Done, status.Failed, status.Running));
        Assert.Equal(status, await sweep.GetStatusAsync());

        // The old cells running at the replacement were told to stop: their kernels gave their slots back.
        var lastAttempts = new List<AttemptOutcome>();
        foreach (var cell in old.ExpandCells())
        {
            var record = await cluster.Client.GetGrain<IRunGrain>(cell.Id).GetRecordAsync();
            lastAttempts.AddRange(record.Attempts.Skip(record.Attempts.Count - 1).Select(a => a.Outcome));
        }

        Assert.Contains(AttemptOutcome.Cancelled, lastAttempts);
        Assert.DoesNotContain(AttemptOutcome.Running, lastAttempts);
    }
}
