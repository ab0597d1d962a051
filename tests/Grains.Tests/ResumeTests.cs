using Orchestrator.Grains.Tests.Infrastructure;

namespace Orchestrator.Grains.Tests;

/// <summary>A sweep interrupted by tearing the whole cluster down resumes on a new cluster over the same SQLite file.</summary>
public sealed class ResumeTests
{
    [Fact]
    public async Task HalfDoneSweepResumesWithoutRerunningFinishedCells()
    {
        var data = TestSpecs.TempDirectory();
        var spec = TestSpecs.Slow();
        var cells = spec.ExpandCells().ToList();
        HashSet<string> finishedBefore;

        await using (var first = await SqliteTestCluster.StartAsync(data, slots: 1, window: 1))
        {
            var sweep = first.Client.GetGrain<ISweepGrain>(spec.Name);
            await sweep.SubmitAsync(TestSpecs.Submission(spec));
            var partial = await TestSpecs.WaitAsync(sweep, s => s.Done >= 3);
            Assert.False(partial.IsFinished);
            finishedBefore = [];
            foreach (var cell in cells)
            {
                if ((await first.Client.GetGrain<IRunGrain>(cell.Id).GetRecordAsync()).IsFinal)
                {
                    finishedBefore.Add(cell.Id);
                }
            }
        }

        await using var second = await SqliteTestCluster.StartAsync(data, slots: 1, window: 1);
        var resumed = second.Client.GetGrain<ISweepGrain>(spec.Name);
        var attach = await resumed.SubmitAsync(TestSpecs.Submission(spec));
        var status = await TestSpecs.WaitFinishedAsync(resumed);

        Assert.Equal(SubmitKind.Attached, attach.Kind);
        Assert.True(attach.Status.Done >= 3, $"resumed with {attach.Status.Done} done");
        Assert.Equal(SweepState.Completed, status.State);
        Assert.Equal(cells.Count, status.Done);
        Assert.True(finishedBefore.Count >= 3);
        foreach (var cell in cells)
        {
            var record = await second.Client.GetGrain<IRunGrain>(cell.Id).GetRecordAsync();
            Assert.Equal(CellStatus.Succeeded, record.Status);
            Assert.Single(record.Attempts, a => a.Outcome == AttemptOutcome.Succeeded);
            if (finishedBefore.Contains(cell.Id))
            {
                Assert.Single(record.Attempts);
            }
        }

        var results = await second.Client.GetGrain<IAggregatorGrain>(spec.Name).GetResultsAsync();
        Assert.Equal(cells.Count, results.Cells.Count);
    }
}
