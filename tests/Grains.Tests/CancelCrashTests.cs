using Orchestrator.Grains.Tests.Infrastructure;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// A plain <see cref="ISweepGrain.CancelAsync"/> lets the cells already running finish; it starts nothing. When the
/// cluster stops before they finish, the cancelled sweep's next activation follows its cells without running any of
/// them again.
/// </summary>
public sealed class CancelCrashTests
{
    [Fact]
    public async Task A_cancelled_sweep_restarted_before_its_running_cells_finish_runs_none_of_them_again()
    {
        var data = TestSpecs.TempDirectory();
        // Three cells of 10 s, all running when the sweep is cancelled.
        var spec = TestSpecs.Synthetic("cancel-then-restart", duration: 10);
        var cells = spec.ExpandCells().ToList();
        await using (var first = await SqliteTestCluster.StartAsync(data, slots: 3, window: 3))
        {
            var sweep = first.Client.GetGrain<ISweepGrain>(spec.Name);
            await sweep.SubmitAsync(TestSpecs.Submission(spec));
            foreach (var cell in cells)
            {
                await WaitForAsync(first.Client.GetGrain<IRunGrain>(cell.Id), r => r.Status == CellStatus.Running);
            }

            // A run grain stores its attempt as running once the kernel has run a second: all three are stored by then.
            await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);

            var cancelled = await sweep.CancelAsync();
            Assert.Equal((SweepState.Cancelled, 3), (cancelled.State, cancelled.Running));
        }

        // The silo stopped while the kernels slept: their attempts ended abandoned, and the sweep still waits for them.
        await using var second = await SqliteTestCluster.StartAsync(data, slots: 3, window: 3);
        var reactivated = second.Client.GetGrain<ISweepGrain>(spec.Name);
        var status = await TestSpecs.WaitFinishedAsync(reactivated);

        Assert.Equal((SweepState.Cancelled, 0, 0, 0, 3), (status.State, status.Running, status.Done, status.Failed, status.Pending));
        foreach (var cell in cells)
        {
            var record = await second.Client.GetGrain<IRunGrain>(cell.Id).GetRecordAsync();
            var attempt = Assert.Single(record.Attempts);
            Assert.Equal(AttemptOutcome.Abandoned, attempt.Outcome);
            Assert.Null(record.Result);
        }
    }

    private static async Task<CellRecord> WaitForAsync(IRunGrain cell, Func<CellRecord, bool> until)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var record = await cell.GetRecordAsync();
            if (until(record) || DateTimeOffset.UtcNow > deadline)
            {
                return record;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
