using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Hosting.Storage;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Orchestrator.Integration.Tests.Infrastructure;

/// <summary>Where a test's silos and clients meet: the database and the cluster's identity.</summary>
/// <param name="ConnectionString">PostgreSQL connection string (schema already applied).</param>
/// <param name="ClusterId">Membership partition; unique per test so tests never see each other's silos.</param>
/// <param name="ServiceId">Partition of grain state and reminders; stable across restarts of one test's cluster.</param>
public sealed record TestClusterIdentity(string ConnectionString, string ClusterId, string ServiceId)
{
    public static TestClusterIdentity New(string connectionString)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return new TestClusterIdentity(connectionString, $"cluster-{id}", $"service-{id}");
    }
}

/// <summary>
/// Silo and client hosts on PostgreSQL through Orleans' ADO.NET providers, configured the way the orchestrator's silo
/// is: grain storage <see cref="StorageName"/>, ADO.NET clustering and reminders, loopback endpoints.
/// </summary>
public static class TestSilo
{
    /// <summary>The grain storage provider name the orchestrator's grains use.</summary>
    public const string StorageName = "orchestrator";

    /// <summary>Starts a silo on fresh ports (or the given ones, to restart a silo in place).</summary>
    public static async Task<IHost> StartAsync(
        TestClusterIdentity cluster,
        Action<IServiceCollection>? services = null,
        int? siloPort = null,
        int? gatewayPort = null,
        CancellationToken ct = default)
    {
        var host = Build(cluster, siloPort ?? FreePorts.Take(), gatewayPort ?? FreePorts.Take(), services);
        await host.StartAsync(ct);
        return host;
    }

    public static IHost Build(TestClusterIdentity cluster, int siloPort, int gatewayPort, Action<IServiceCollection>? services = null)
    {
        PostgresDatabase.RegisterDriver();
        return new HostBuilder()
            .UseOrleans(silo => silo
                .Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.ClusterId;
                    o.ServiceId = cluster.ServiceId;
                })
                .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort)
                .UseAdoNetClustering(o =>
                {
                    o.Invariant = PostgresDatabase.Invariant;
                    o.ConnectionString = cluster.ConnectionString;
                })
                .AddAdoNetGrainStorage(StorageName, o =>
                {
                    o.Invariant = PostgresDatabase.Invariant;
                    o.ConnectionString = cluster.ConnectionString;
                })
                .UseAdoNetReminderService(o =>
                {
                    o.Invariant = PostgresDatabase.Invariant;
                    o.ConnectionString = cluster.ConnectionString;
                })
                .Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1))
                .Configure<ClusterMembershipOptions>(TestMembership.Apply))
            .ConfigureServices(s => services?.Invoke(s))
            .ConfigureLogging(TestLogging.Configure)
            .Build();
    }

    /// <summary>Starts a client that finds the cluster's gateways through the membership table.</summary>
    public static async Task<IHost> StartClientAsync(TestClusterIdentity cluster, CancellationToken ct = default)
    {
        PostgresDatabase.RegisterDriver();
        var host = new HostBuilder()
            .UseOrleansClient(client => client
                .Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.ClusterId;
                    o.ServiceId = cluster.ServiceId;
                })
                .UseAdoNetClustering(o =>
                {
                    o.Invariant = PostgresDatabase.Invariant;
                    o.ConnectionString = cluster.ConnectionString;
                })
                .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1)))
            .ConfigureLogging(TestLogging.Configure)
            .Build();
        await host.StartAsync(ct);
        return host;
    }
}
