using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestrator.Integration.Tests.Grains;
using Orchestrator.Integration.Tests.Infrastructure;
using Orchestrator.Hosting.Storage;
using Xunit;

namespace Orchestrator.Integration.Tests;

/// <summary>Silos forming one cluster through the membership table, and a client finding them through it.</summary>
public sealed class ClusteringTests(PostgresServer server) : IClassFixture<PostgresServer>, IAsyncLifetime
{
    private const int Active = 3;
    private const int Dead = 6;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await PostgresDatabase.InitializeAsync(server.ConnectionString, Ct);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Two_silos_join_and_the_survivor_serves_the_grain_after_one_stops()
    {
        var cluster = TestClusterIdentity.New(server.ConnectionString);
        var first = await TestSilo.StartAsync(cluster, ct: Ct);
        var second = await TestSilo.StartAsync(cluster, ct: Ct);
        using var silos = new HostSet(first, second);

        await Eventually.HoldsAsync("both silos active in the membership table",
            async () => await MembersAsync(cluster, Active) == 2, TimeSpan.FromSeconds(30), Ct);
        await Eventually.HoldsAsync("each silo sees the other as active", () => Task.FromResult(
            ActiveInView(first) == 2 && ActiveInView(second) == 2), TimeSpan.FromSeconds(30), Ct);

        using var clientHost = await TestSilo.StartClientAsync(cluster, Ct);
        var client = clientHost.Services.GetRequiredService<IClusterClient>();
        var counter = client.GetGrain<ICounterGrain>("survivor");
        Assert.Equal(41, await counter.Add(41));
        var hostBefore = await counter.Host();

        var (stopping, surviving) = SiloAddressOf(first) == hostBefore ? (first, second) : (second, first);
        await stopping.StopAsync(Ct);

        Assert.Equal(1, await MembersAsync(cluster, Dead));
        Assert.Equal(1, await MembersAsync(cluster, Active));
        Assert.Equal(42, await counter.Add(1));
        Assert.Equal(SiloAddressOf(surviving), await counter.Host());

        await clientHost.StopAsync(Ct);
        await surviving.StopAsync(Ct);
    }

    [Fact]
    public async Task A_silo_stopped_without_shutting_down_is_declared_dead_and_its_grain_reactivates_from_storage()
    {
        var cluster = TestClusterIdentity.New(server.ConnectionString);
        var first = await TestSilo.StartAsync(cluster, ct: Ct);
        var second = await TestSilo.StartAsync(cluster, ct: Ct);
        using var silos = new HostSet(first, second);
        await Eventually.HoldsAsync("both silos active in the membership table",
            async () => await MembersAsync(cluster, Active) == 2, TimeSpan.FromSeconds(30), Ct);

        using var clientHost = await TestSilo.StartClientAsync(cluster, Ct);
        var counter = clientHost.Services.GetRequiredService<IClusterClient>().GetGrain<ICounterGrain>("orphan");
        Assert.Equal(5, await counter.Add(5));
        var (crashing, surviving) = SiloAddressOf(first) == await counter.Host() ? (first, second) : (second, first);

        // A cancelled stop skips the graceful shutdown: activations are dropped without deactivation.
        await crashing.StopAsync(new CancellationToken(canceled: true));

        await Eventually.HoldsAsync("the stopped silo dead in the membership table",
            async () => await MembersAsync(cluster, Dead) == 1, TimeSpan.FromSeconds(30), Ct);
        // The client learns of the death from its own view of the cluster, a little after the table says so: a call
        // sent to the dead silo before that times out, and the next one reaches the reactivated grain.
        await Eventually.HoldsAsync("the grain answering from storage",
            async () => await counter.Get() == 5, TimeSpan.FromSeconds(90), Ct);
        Assert.Equal(SiloAddressOf(surviving), await counter.Host());

        await clientHost.StopAsync(Ct);
        await surviving.StopAsync(Ct);
    }

    [Fact]
    public async Task A_restarted_cluster_version_row_is_reused()
    {
        var cluster = TestClusterIdentity.New(server.ConnectionString);
        using (var silo = await TestSilo.StartAsync(cluster, ct: Ct))
        {
            await silo.StopAsync(Ct);
        }

        using (var silo = await TestSilo.StartAsync(cluster, ct: Ct))
        {
            await Eventually.HoldsAsync("the restarted silo active", async () => await MembersAsync(cluster, Active) == 1,
                TimeSpan.FromSeconds(30), Ct);
            await silo.StopAsync(Ct);
        }

        Assert.Equal(1, await OrleansQueries.CountAsync(server.ConnectionString,
            $"SELECT count(*) FROM OrleansMembershipVersion WHERE DeploymentId = '{cluster.ClusterId}'", Ct));
        Assert.Equal(2, await MembersAsync(cluster, Dead));
    }

    private static int ActiveInView(IHost silo) => silo.Services.GetRequiredService<IClusterMembershipService>()
        .CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);

    private static string SiloAddressOf(IHost silo) =>
        silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();

    private Task<long> MembersAsync(TestClusterIdentity cluster, int status) => OrleansQueries.CountAsync(
        server.ConnectionString,
        $"SELECT count(*) FROM OrleansMembership WHERE DeploymentId = '{cluster.ClusterId}' AND Status = {status}",
        Ct);
}
