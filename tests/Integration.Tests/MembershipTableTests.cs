using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orchestrator.Integration.Tests.Infrastructure;
using Orchestrator.Hosting.Storage;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService;
using Xunit;

namespace Orchestrator.Integration.Tests;

/// <summary>
/// The membership queries driven directly through Orleans' ADO.NET membership table, without silos: the table version
/// is an optimistic lock, so every insert or update made from a stale read must fail.
/// </summary>
public sealed class MembershipTableTests(PostgresServer server) : IClassFixture<PostgresServer>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await PostgresDatabase.InitializeAsync(server.ConnectionString, Ct);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Inserts_and_updates_from_a_stale_table_version_fail()
    {
        var table = await OpenAsync();
        var empty = await table.ReadAllAsync(Ct);
        Assert.Empty(empty.Members);

        var a = Entry(11111, SiloStatus.Joining);
        var b = Entry(22222, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(a, empty.Version.Next(), Ct));
        Assert.False(await table.InsertRowAsync(b, empty.Version.Next(), Ct));

        var one = await table.ReadAllAsync(Ct);
        Assert.Equal(empty.Version.Version + 1, one.Version.Version);
        var (stored, etag) = Assert.Single(one.Members);
        Assert.Equal((a.SiloAddress, a.SiloName, a.HostName, a.Status, a.ProxyPort), (stored.SiloAddress, stored.SiloName, stored.HostName, stored.Status, stored.ProxyPort));
        Assert.Equal(Microseconds(a.StartTime), Microseconds(stored.StartTime));
        Assert.Equal(DateTimeKind.Utc, stored.StartTime.Kind);

        stored.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRowAsync(stored, etag, one.Version.Next(), Ct));
        stored.Status = SiloStatus.Dead;
        Assert.False(await table.UpdateRowAsync(stored, etag, one.Version.Next(), Ct));
        Assert.True(await table.InsertRowAsync(b, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));
        Assert.False(await table.InsertRowAsync(b, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));

        var row = await table.ReadRowAsync(a.SiloAddress, Ct);
        Assert.Equal(SiloStatus.Active, Assert.Single(row.Members).Item1.Status);
        Assert.Equal(2, (await table.ReadAllAsync(Ct)).Members.Count);
    }

    [Fact]
    public async Task Of_concurrent_inserts_from_the_same_version_exactly_one_succeeds()
    {
        var table = await OpenAsync();
        var version = (await table.ReadAllAsync(Ct)).Version.Next();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => table.InsertRowAsync(Entry(30000 + i, SiloStatus.Joining), version, Ct)));

        Assert.Equal(1, results.Count(inserted => inserted));
        var after = await table.ReadAllAsync(Ct);
        Assert.Single(after.Members);
        Assert.Equal(version.Version, after.Version.Version);
    }

    [Fact]
    public async Task Heartbeats_and_suspicions_round_trip_and_heartbeats_leave_the_version_alone()
    {
        var table = await OpenAsync();
        var a = Entry(40001, SiloStatus.Active);
        var b = Entry(40002, SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(a, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));
        Assert.True(await table.InsertRowAsync(b, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));
        var before = await table.ReadAllAsync(Ct);

        a.IAmAliveTime = a.IAmAliveTime.AddSeconds(30);
        await table.UpdateIAmAliveAsync(a, Ct);
        var afterHeartbeat = await table.ReadAllAsync(Ct);
        Assert.Equal(before.Version, afterHeartbeat.Version);
        Assert.Equal(Microseconds(a.IAmAliveTime), Microseconds(afterHeartbeat.TryGet(a.SiloAddress)!.Item1.IAmAliveTime));

        var (suspect, etag) = afterHeartbeat.TryGet(b.SiloAddress)!;
        var vote = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        suspect.AddOrUpdateSuspector(a.SiloAddress, vote, 2);
        Assert.True(await table.UpdateRowAsync(suspect, etag, afterHeartbeat.Version.Next(), Ct));
        var votes = (await table.ReadRowAsync(b.SiloAddress, Ct)).TryGet(b.SiloAddress)!.Item1.SuspectTimes;
        Assert.NotNull(votes);
        var (suspector, time) = Assert.Single(votes);
        Assert.Equal((a.SiloAddress, vote), (suspector, time));
    }

    [Fact]
    public async Task Cleanup_removes_only_dead_rows_older_than_the_cutoff_and_deleting_drops_the_cluster()
    {
        var clusterId = $"table-{Guid.NewGuid():N}";
        var table = await OpenAsync(clusterId);
        var dead = Entry(50001, SiloStatus.Dead);
        var alive = Entry(50002, SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(dead, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));
        Assert.True(await table.InsertRowAsync(alive, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));

        await table.CleanupDefunctSiloEntriesAsync(dead.IAmAliveTime.AddMinutes(-1), Ct);
        Assert.Equal(2, (await table.ReadAllAsync(Ct)).Members.Count);

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(1), Ct);
        var (survivor, _) = Assert.Single((await table.ReadAllAsync(Ct)).Members);
        Assert.Equal(alive.SiloAddress, survivor.SiloAddress);

        await table.DeleteMembershipTableEntriesAsync(clusterId, Ct);
        Assert.Equal(0, await OrleansQueries.CountAsync(server.ConnectionString,
            $"SELECT count(*) FROM OrleansMembershipVersion WHERE DeploymentId = '{clusterId}'", Ct));
    }

    private async Task<AdoNetClusteringTable> OpenAsync(string? clusterId = null)
    {
        PostgresDatabase.RegisterDriver();
        clusterId ??= $"table-{Guid.NewGuid():N}";
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "membership-tests" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = PostgresDatabase.Invariant, ConnectionString = server.ConnectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, Ct);
        return table;
    }

    private static MembershipEntry Entry(int port, SiloStatus status)
    {
        var now = DateTime.UtcNow;
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 17),
            SiloName = $"silo-{port}",
            HostName = "test-host",
            Status = status,
            ProxyPort = port + 1,
            StartTime = now,
            IAmAliveTime = now,
        };
    }

    /// <summary>PostgreSQL keeps microseconds; .NET ticks are 100 ns.</summary>
    private static long Microseconds(DateTime time) => time.Ticks / 10;
}
