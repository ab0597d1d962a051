using System.Net;
using Orleans.Configuration;

namespace Orchestrator.Hosting.Storage;

/// <summary>
/// A cluster on PostgreSQL: grain state, membership and reminders through Orleans' ADO.NET providers
/// (<see cref="PostgresDatabase"/>). Silos share the database; clients find their gateways in the membership table,
/// under <paramref name="clusterId"/> and <paramref name="serviceId"/>.
/// </summary>
public sealed class PostgresBackend(string connectionString, string clusterId, string serviceId) : IStorageBackend
{
    public string Name => "postgresql";

    public string Location => PostgresDatabase.Redact(connectionString);

    public bool HasReminders => true;

    public string ClusterId => clusterId;

    public string ServiceId => serviceId;

    public async Task<IStorageClaim> PrepareAsync(CancellationToken cancellationToken = default)
    {
        // Idempotent, and serialised between silos that start together.
        await PostgresDatabase.InitializeAsync(connectionString, cancellationToken);
        return SharedDatabaseClaim.Instance;
    }

    public IStorageClaim? TryClaimForEmbeddedSilo() => null;

    public Task InitializeSchemaAsync(CancellationToken cancellationToken = default) =>
        PostgresDatabase.InitializeAsync(connectionString, cancellationToken);

    public void ConfigureClustering(ISiloBuilder silo, SiloSettings settings)
    {
        PostgresDatabase.RegisterDriver();
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        silo.ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedAddress), settings.SiloPort, settings.GatewayPort);
        // Cell records name the silo that ran them: its endpoint reads better than a random name.
        silo.Configure<SiloOptions>(o => o.SiloName = $"{settings.AdvertisedAddress}:{settings.SiloPort}");
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            // Time to declare a dead silo dead ≈ ProbeTimeout × NumMissedProbesLimit, plus the votes' gossip.
            o.ProbeTimeout = TimeSpan.FromSeconds(settings.ProbeTimeoutSeconds);
            o.NumMissedProbesLimit = settings.MissedProbes;
            o.NumVotesForDeathDeclaration = settings.DeathVotes;
            // After a whole-cluster crash the table still lists the dead silos as active, and a joining silo waits
            // to reach every active silo. An entry whose heartbeat is older than IAmAlive period × missed limit
            // is stale and not waited for: with the same figures as probing, a restarted cluster joins within
            // the detection time.
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(settings.ProbeTimeoutSeconds);
            o.NumMissedTableIAmAliveLimit = settings.MissedProbes;
        });
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresDatabase.Invariant;
            o.ConnectionString = PostgresDatabase.WithPoolDefaults(connectionString);
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = PostgresDatabase.Invariant;
            o.ConnectionString = PostgresDatabase.WithPoolDefaults(connectionString);
        });
    }

    public void ConfigureGrainStorage(ISiloBuilder silo)
    {
        PostgresDatabase.RegisterDriver();
        AdoNetGrainStorage.Add(silo, PostgresDatabase.Invariant, PostgresDatabase.WithPoolDefaults(connectionString));
    }

    public void ConfigureClient(IClientBuilder client)
    {
        PostgresDatabase.RegisterDriver();
        client
            .UseAdoNetClustering(o =>
            {
                o.Invariant = PostgresDatabase.Invariant;
                o.ConnectionString = connectionString;
            })
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            });
    }
}
