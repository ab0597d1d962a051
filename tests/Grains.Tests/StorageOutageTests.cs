using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Grains.Aggregation;
using Orchestrator.Grains.Hosting;
using Orchestrator.Grains.Sweeps;
using Orchestrator.Grains.Tests.Infrastructure;
using Orleans.Storage;

namespace Orchestrator.Grains.Tests;

/// <summary>These tests shorten the retries of every write in the process, so they run alone.</summary>
[CollectionDefinition(nameof(StorageOutageTests), DisableParallelization = true)]
public sealed class StorageOutageCollection;

/// <summary>
/// A database outage longer than the retry window: a write gives up and throws. Nothing it carried may count as
/// stored, so that the call, tried again once storage is back, stores it.
/// </summary>
[Collection(nameof(StorageOutageTests))]
public sealed class StorageOutageTests
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Outcomes_whose_store_gave_up_are_stored_when_added_again()
    {
        using var _ = StorageOutage.ShortenRetries(GiveUpAfter);
        var data = TestSpecs.TempDirectory();
        var spec = TestSpecs.Synthetic("outage-outcomes");
        await using (var cluster = await SqliteTestCluster.StartAsync(data, configure: StorageOutage.Configure))
        {
            var outage = cluster.SiloServices.GetRequiredService<StorageOutage>();
            var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);

            // The cells finish, but the aggregator cannot store them: none may be stored as done.
            outage.Begin("outcomes");
            await sweep.SubmitAsync(TestSpecs.Submission(spec));
            await Task.Delay(GiveUpAfter * 4, TestContext.Current.CancellationToken);
            Assert.Equal(0, (await StoredSweepAsync(cluster, spec.Name, _ => true)).Done);

            outage.End();
            Assert.Equal(spec.CellCount, (await TestSpecs.WaitFinishedAsync(sweep)).Done);
        }

        await using var restarted = await SqliteTestCluster.StartAsync(data);
        var results = await restarted.Client.GetGrain<IAggregatorGrain>(spec.Name).GetResultsAsync();
        Assert.Equal(spec.ExpandCells().Select(c => c.Id).Order(), results.Cells.Select(c => c.CellId).Order());
    }

    [Fact]
    public async Task A_sweep_whose_final_write_gave_up_stores_it_once_storage_is_back()
    {
        using var _ = StorageOutage.ShortenRetries(GiveUpAfter);
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(), configure: StorageOutage.Configure);
        var outage = cluster.SiloServices.GetRequiredService<StorageOutage>();
        var spec = TestSpecs.Synthetic("outage-sweep");
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);
        await sweep.SubmitAsync(TestSpecs.Submission(spec));

        // Every write of the sweep's counters from here on gives up, its last one (the sweep completed) included.
        outage.Begin("sweep");
        Assert.Equal(SweepState.Completed, (await TestSpecs.WaitFinishedAsync(sweep)).State);
        await Task.Delay(GiveUpAfter * 3, TestContext.Current.CancellationToken);
        outage.End();

        var stored = await StoredSweepAsync(cluster, spec.Name, s => s.State == SweepState.Completed);
        Assert.Equal((SweepState.Completed, spec.CellCount, 0), (stored.State, stored.Done, stored.InFlight.Count));
    }

    [Fact]
    public async Task A_cell_result_whose_write_gave_up_is_reported_only_once_stored()
    {
        using var _ = StorageOutage.ShortenRetries(GiveUpAfter);
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(), configure: StorageOutage.Configure);
        var outage = cluster.SiloServices.GetRequiredService<StorageOutage>();
        var spec = TestSpecs.Synthetic("outage-cells");
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);

        // The cells run, but none of their results can be stored: none may be counted.
        outage.Begin("cell");
        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        await Task.Delay(GiveUpAfter * 4, TestContext.Current.CancellationToken);
        var during = await sweep.GetStatusAsync();
        Assert.Equal((0, 0), (during.Done, during.Failed));

        outage.End();
        var after = await TestSpecs.WaitFinishedAsync(sweep);
        Assert.Equal((SweepState.Completed, spec.CellCount), (after.State, after.Done));
        var storage = cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        foreach (var cell in spec.ExpandCells())
        {
            var stored = new GrainState<CellRecord>(new CellRecord());
            await storage.ReadStateAsync("cell", GrainId.Create("run", cell.Id), stored);
            Assert.Equal(CellStatus.Succeeded, stored.State?.Status);
        }
    }

    /// <summary>The sweep's stored state, read again until <paramref name="until"/> holds or a few seconds pass.</summary>
    private static async Task<SweepGrainState> StoredSweepAsync(SqliteTestCluster cluster, string name, Func<SweepGrainState, bool> until)
    {
        var storage = cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            var stored = new GrainState<SweepGrainState>(new SweepGrainState());
            await storage.ReadStateAsync("sweep", GrainId.Create("sweep", name), stored);
            var state = stored.State ?? new SweepGrainState();
            if (until(state) || DateTimeOffset.UtcNow > deadline)
            {
                return state;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
