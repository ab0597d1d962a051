using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Grains.Hosting;
using Orchestrator.Grains.Runs;
using Orchestrator.Grains.Tests.Infrastructure;
using Orchestrator.Specs;
using Orchestrator.Specs.Experiments.Synthetic;
using Orleans.Storage;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// A cell cannot hold a sweep forever: one whose silo stops each time it runs ends failed after a few abandoned
/// attempts, and one whose kernel hangs ends failed when its spec's <c>cell_timeout</c> elapses, freeing its slot.
/// </summary>
public sealed class CellLimitTests
{
    [Fact]
    public async Task ACellAbandonedThreeTimesFailsAndTheSweepGoesOn()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        var spec = TestSpecs.Synthetic("abandoned");
        var cells = spec.ExpandCells().ToList();
        // What a silo that died while running the cell leaves behind: attempts still marked running, or abandoned
        // by the activation that found them. The first cell's silo died three times, the second's twice.
        await StoreInterruptedAsync(cluster, cells[0], abandoned: 2);
        await StoreInterruptedAsync(cluster, cells[1], abandoned: 1);

        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);
        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        var status = await TestSpecs.WaitFinishedAsync(sweep);

        Assert.Equal((SweepState.Completed, 2, 1, 0, 0), (status.State, status.Done, status.Failed, status.Pending, status.Running));
        var failed = await cluster.Client.GetGrain<IRunGrain>(cells[0].Id).GetRecordAsync();
        Assert.Equal(CellStatus.Failed, failed.Status);
        Assert.Equal(
            "abandoned 3 times: its silo stopped each time it ran (a crash or an out-of-memory kill?)",
            failed.LastError);
        // No fourth attempt was started.
        Assert.Equal(3, failed.Attempts.Count);
        Assert.All(failed.Attempts, a => Assert.Equal(AttemptOutcome.Abandoned, a.Outcome));

        var retried = await cluster.Client.GetGrain<IRunGrain>(cells[1].Id).GetRecordAsync();
        Assert.Equal(CellStatus.Succeeded, retried.Status);
        Assert.Equal([AttemptOutcome.Abandoned, AttemptOutcome.Abandoned, AttemptOutcome.Succeeded],
            retried.Attempts.Select(a => a.Outcome));
    }

    [Fact]
    public async Task AHungKernelTimesOutFailsItsCellAndFreesItsSlot()
    {
        // One slot: the cell after the hung one runs only if the timeout gives the slot back.
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(), slots: 1, window: 2,
            allowFaultInjection: true);
        var spec = TestSpecs.Parse("""
            name: hung
            experiment: synthetic
            retries: 0
            cell_timeout: 1s
            grid:
              optimizer: [gd]
              spectrum: [1.0]
              size: [32]
              seed: [0]
              fault: [hang, none]
            settings:
              alpha: 0.3
            """);
        var hung = spec.ExpandCells().Single(c => c.Settings[SyntheticSettingNames.Fault].Text == "hang");
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);
        var started = DateTime.UtcNow;

        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        var status = await TestSpecs.WaitAsync(sweep, s => s.IsFinished, TimeSpan.FromSeconds(30));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), $"took {DateTime.UtcNow - started}");
        Assert.Equal((SweepState.Completed, 1, 1, 0, 0), (status.State, status.Done, status.Failed, status.Pending, status.Running));
        var record = await cluster.Client.GetGrain<IRunGrain>(hung.Id).GetRecordAsync();
        Assert.Equal(CellStatus.Failed, record.Status);
        var attempt = Assert.Single(record.Attempts);
        Assert.Equal(AttemptOutcome.Failed, attempt.Outcome);
        Assert.Equal("timed out after 1s (cell_timeout)", record.LastError);
        Assert.Equal(record.LastError, attempt.Error);
        var slots = cluster.SiloServices.GetRequiredService<KernelSlots>();
        Assert.Equal((0, 1), (slots.Running, slots.Free));
    }

    /// <summary>Stores <paramref name="cell"/>'s record as a silo that died running it leaves it.</summary>
    private static async Task StoreInterruptedAsync(SqliteTestCluster cluster, CellDefinition cell, int abandoned)
    {
        var record = new CellRecord { CellId = cell.Id, Definition = cell.ToJson(), Status = CellStatus.Running };
        var started = DateTimeOffset.UtcNow.AddMinutes(-10);
        for (var i = 0; i < abandoned; i++)
        {
            record.Attempts.Add(new CellAttempt
            {
                Silo = "gone", StartedAt = started, EndedAt = started.AddMinutes(1), Outcome = AttemptOutcome.Abandoned,
            });
        }

        record.Attempts.Add(new CellAttempt { Silo = "gone", StartedAt = started.AddMinutes(2) });
        var storage = cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        await storage.WriteStateAsync("cell", cluster.Client.GetGrain<IRunGrain>(cell.Id).GetGrainId(),
            new GrainState<CellRecord>(record));
    }
}
