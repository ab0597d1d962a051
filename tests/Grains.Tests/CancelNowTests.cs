using Orchestrator.Grains.Tests.Infrastructure;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// <see cref="ISweepGrain.CancelNowAsync"/> stops a running kernel through its cancellation token: the attempt ends
/// as cancelled, not failed, is not retried, and the cell stays unfinished; the sweep directory lists the sweep.
/// </summary>
public sealed class CancelNowTests
{
    [Fact]
    public async Task CancelNowStopsTheRunningKernelAndRecordsTheAttemptAsCancelled()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(), slots: 1, window: 1);
        // One cell of ten million Adam steps (each O(N²)): it would run for hours if its kernel ignored the cancellation.
        var spec = TestSpecs.Parse("""
            name: cancel-now
            experiment: random-features
            grid:
              optimizer: [adam]
              spectrum: [1.0]
              size: [512]
              seed: [0]
            settings:
              latent_dim: 1024
              steps: 10000000
            optimizers:
              adam:
                lr: 0.01
            """);
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);
        var cell = cluster.Client.GetGrain<IRunGrain>(spec.ExpandCells().Single().Id);
        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        await WaitForRecordAsync(cell, r => r.Status == CellStatus.Running);

        var status = await sweep.CancelNowAsync();

        Assert.Equal((SweepState.Cancelled, 0, 0, 0, 1), (status.State, status.Running, status.Done, status.Failed, status.Pending));
        var record = await WaitForRecordAsync(cell, r => r.Attempts.Count > 0 && r.Attempts[^1].Outcome != AttemptOutcome.Running);
        var attempt = Assert.Single(record.Attempts);
        Assert.Equal(AttemptOutcome.Cancelled, attempt.Outcome);
        Assert.NotNull(attempt.EndedAt);
        Assert.Equal(CellStatus.Pending, record.Status);
        Assert.Null(record.Result);
        Assert.Equal(status, await sweep.GetStatusAsync());
    }

    [Fact]
    public async Task StartedSweepsAreListedInTheDirectoryOnce()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        var directory = cluster.Client.GetGrain<ISweepDirectoryGrain>(0);
        Assert.Empty(await directory.ListAsync());

        foreach (var name in new[] { "first", "second" })
        {
            await cluster.Client.GetGrain<ISweepGrain>(name).SubmitAsync(TestSpecs.Submission(TestSpecs.Tiny(name)));
        }

        // Submitting the same spec again attaches to the sweep: it is not listed twice.
        var again = await cluster.Client.GetGrain<ISweepGrain>("first").SubmitAsync(TestSpecs.Submission(TestSpecs.Tiny("first")));
        Assert.Equal(SubmitKind.Attached, again.Kind);

        var listed = await directory.ListAsync();
        Assert.Equal(["first", "second"], listed.Select(e => e.Sweep));
        var started = (await cluster.Client.GetGrain<ISweepGrain>("first").GetStatusAsync()).StartedAt;
        Assert.Equal(started, listed[0].SubmittedAt);
    }

    private static async Task<CellRecord> WaitForRecordAsync(IRunGrain cell, Func<CellRecord, bool> until)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var record = await cell.GetRecordAsync();
            if (until(record))
            {
                return record;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out; last record: {record.Status}, {string.Join(",", record.Attempts.Select(a => a.Outcome))}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
