using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestrator.Integration.Tests.Grains;
using Orchestrator.Integration.Tests.Infrastructure;
using Orchestrator.Hosting.Storage;
using Orleans.Storage;
using Xunit;

namespace Orchestrator.Integration.Tests;

/// <summary>Orleans' ADO.NET grain storage on the project's PostgreSQL schema.</summary>
public sealed class GrainStorageTests(PostgresServer server) : IClassFixture<PostgresServer>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await PostgresDatabase.InitializeAsync(server.ConnectionString, Ct);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task State_written_by_one_silo_is_read_by_the_next()
    {
        var cluster = TestClusterIdentity.New(server.ConnectionString);

        using (var first = await TestSilo.StartAsync(cluster, ct: Ct))
        {
            var counter = first.Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>("persisted");
            await counter.Add(5);
            Assert.Equal(7, await counter.Add(2));
            await first.StopAsync(Ct);
        }

        using var second = await TestSilo.StartAsync(cluster, ct: Ct);
        var again = second.Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>("persisted");
        Assert.Equal(7, await again.Get());
        Assert.Equal(8, await again.Add(1));
        await second.StopAsync(Ct);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused()
    {
        var cluster = TestClusterIdentity.New(server.ConnectionString);
        using var silo = await TestSilo.StartAsync(cluster, ct: Ct);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(TestSilo.StorageName);
        var grainId = GrainId.Create("counter", "stale-etag");

        // Two activations that both believe the grain has no state yet: the first write wins, the second conflicts.
        var a = await ReadAsync(storage, grainId);
        var b = await ReadAsync(storage, grainId);
        a.State.Value = 1;
        await storage.WriteStateAsync(StateName, grainId, a);
        b.State.Value = 2;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, b));

        // Both read version 1; a writes version 2; b still holds 1 and conflicts, for writes and clears alike.
        a = await ReadAsync(storage, grainId);
        b = await ReadAsync(storage, grainId);
        Assert.Equal(a.ETag, b.ETag);
        a.State.Value = 10;
        await storage.WriteStateAsync(StateName, grainId, a);
        Assert.NotEqual(b.ETag, a.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, b));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grainId, b));

        var stored = await ReadAsync(storage, grainId);
        Assert.Equal((10, a.ETag, true), (stored.State.Value, stored.ETag, stored.RecordExists));
        await silo.StopAsync(Ct);
    }

    [Fact]
    public async Task Of_many_concurrent_writers_holding_the_same_etag_exactly_one_wins()
    {
        var cluster = TestClusterIdentity.New(server.ConnectionString);
        using var silo = await TestSilo.StartAsync(cluster, ct: Ct);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(TestSilo.StorageName);

        foreach (var grainId in new[] { GrainId.Create("counter", "race-first-write"), GrainId.Create("counter", "race-update") })
        {
            if (grainId.Key.ToString()!.EndsWith("update", StringComparison.Ordinal))
            {
                var seed = await ReadAsync(storage, grainId);
                await storage.WriteStateAsync(StateName, grainId, seed);
            }

            var writers = new List<CounterStateRecord>();
            for (var i = 0; i < 8; i++)
            {
                writers.Add(await ReadAsync(storage, grainId));
                writers[i].State.Value = 100 + i;
            }

            var results = await Task.WhenAll(writers.Select(async w =>
            {
                try
                {
                    await storage.WriteStateAsync(StateName, grainId, w);
                    return true;
                }
                catch (InconsistentStateException)
                {
                    return false;
                }
            }));

            Assert.Equal(1, results.Count(won => won));
            var winner = writers[Array.IndexOf(results, true)];
            var stored = await ReadAsync(storage, grainId);
            Assert.Equal((winner.State.Value, winner.ETag), (stored.State.Value, stored.ETag));
        }

        await silo.StopAsync(Ct);
    }

    [Fact]
    public async Task Clearing_drops_the_state_and_keeps_counting_versions()
    {
        var cluster = TestClusterIdentity.New(server.ConnectionString);
        using var silo = await TestSilo.StartAsync(cluster, ct: Ct);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(TestSilo.StorageName);
        var grainId = GrainId.Create("counter", "clear");

        var state = await ReadAsync(storage, grainId);
        state.State.Value = 3;
        await storage.WriteStateAsync(StateName, grainId, state);
        await storage.ClearStateAsync(StateName, grainId, state);
        var cleared = await ReadAsync(storage, grainId);

        Assert.Equal((0, false), (cleared.State.Value, cleared.RecordExists));
        Assert.Equal(state.ETag, cleared.ETag);
        cleared.State.Value = 4;
        await storage.WriteStateAsync(StateName, grainId, cleared);
        Assert.Equal(4, (await ReadAsync(storage, grainId)).State.Value);
        await silo.StopAsync(Ct);
    }

    [Fact]
    public async Task Delete_on_clear_removes_the_row_and_a_new_first_write_succeeds()
    {
        const string deleting = "deleting";
        var cluster = TestClusterIdentity.New(server.ConnectionString);
        using var silo = await TestSilo.StartAsync(cluster, services => services.AddAdoNetGrainStorage(deleting, o =>
        {
            o.Invariant = PostgresDatabase.Invariant;
            o.ConnectionString = server.ConnectionString;
            o.DeleteStateOnClear = true;
        }), ct: Ct);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(deleting);
        var grainId = GrainId.Create("counter", "delete-on-clear");

        var state = await ReadAsync(storage, grainId);
        state.State.Value = 9;
        await storage.WriteStateAsync(StateName, grainId, state);
        var stale = await ReadAsync(storage, grainId);
        await storage.ClearStateAsync(StateName, grainId, state);

        Assert.Null(state.ETag);
        Assert.Equal(0, await OrleansQueries.CountAsync(server.ConnectionString,
            $"SELECT count(*) FROM OrleansStorage WHERE ServiceId = '{cluster.ServiceId}' AND GrainIdKey = 'delete-on-clear'", Ct));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, stale));
        state.State.Value = 11;
        await storage.WriteStateAsync(StateName, grainId, state);
        Assert.Equal(11, (await ReadAsync(storage, grainId)).State.Value);
        await silo.StopAsync(Ct);
    }

    private const string StateName = "Orchestrator.Integration.Tests.Grains.CounterGrain";

    private static async Task<CounterStateRecord> ReadAsync(IGrainStorage storage, GrainId grainId)
    {
        var state = new CounterStateRecord();
        await storage.ReadStateAsync(StateName, grainId, state);
        return state;
    }
}
