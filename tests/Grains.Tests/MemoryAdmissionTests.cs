using Orchestrator.Grains.Tests.Infrastructure;

namespace Orchestrator.Grains.Tests;

/// <summary>A silo whose memory budget is smaller than a cell fails that cell at once, without retries.</summary>
public sealed class MemoryAdmissionTests
{
    [Fact]
    public async Task Cells_larger_than_the_silo_budget_fail_once_with_the_reason()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(), memoryBudget: "1KiB");
        var spec = TestSpecs.Tiny("over-budget", sizes: "[16]");
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);

        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        var status = await TestSpecs.WaitFinishedAsync(sweep);

        Assert.Equal(spec.CellCount, status.Failed);
        foreach (var cell in spec.ExpandCells())
        {
            var record = await cluster.Client.GetGrain<IRunGrain>(cell.Id).GetRecordAsync();
            var attempt = Assert.Single(record.Attempts);
            Assert.Equal(AttemptOutcome.Failed, attempt.Outcome);
            Assert.Contains("more than this silo's whole memory budget of 1 KiB", attempt.Error);
        }
    }
}
