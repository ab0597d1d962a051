using Orchestrator.Specs.Experiments.Command;
using Orchestrator.Hosting;
using Orchestrator.Hosting.Storage;

namespace Orchestrator.Client.Connection;

/// <summary>
/// Where the CLI finds its cluster: a PostgreSQL connection string (<c>--db</c> or <c>ORCHESTRATOR_DB</c>) for a
/// cluster, otherwise the embedded default in <see cref="DataDirectory"/> (<c>--data</c> or <c>ORCHESTRATOR_DATA</c>,
/// default <c>.orchestrator</c> in the current folder).
/// </summary>
public sealed record ConnectionSettings(string? Database, string DataDirectory, int Slots, int MetricsPort)
{
    /// <summary>Cluster id of a PostgreSQL cluster (<c>ORCHESTRATOR_CLUSTER_ID</c>, default <c>orchestrator</c>).</summary>
    public string ClusterId { get; init; } = Environment.GetEnvironmentVariable(ClusterIdVariable) ?? "orchestrator";

    /// <summary>Service id of a PostgreSQL cluster (<c>ORCHESTRATOR_SERVICE_ID</c>, default <c>orchestrator</c>).</summary>
    public string ServiceId { get; init; } = Environment.GetEnvironmentVariable(ServiceIdVariable) ?? "orchestrator";

    /// <summary>Runners the embedded silo declares (<c>--runners FILE</c>); a cluster's silos declare their own.</summary>
    public RunnerCatalog Runners { get; init; } = RunnerCatalog.Empty;

    /// <summary>Lets the embedded silo run <c>synthetic</c> fault options (<c>--allow-fault-injection</c>).</summary>
    public bool AllowFaultInjection { get; init; }

    public const string DatabaseVariable = "ORCHESTRATOR_DB";
    public const string DataVariable = "ORCHESTRATOR_DATA";
    public const string ClusterIdVariable = "ORCHESTRATOR_CLUSTER_ID";
    public const string ServiceIdVariable = "ORCHESTRATOR_SERVICE_ID";
    public const string RunnersVariable = "ORCHESTRATOR_RUNNERS";

    /// <summary>Every environment variable the CLI reads.</summary>
    public static IReadOnlyList<string> Variables { get; } = [DatabaseVariable, DataVariable, ClusterIdVariable, ServiceIdVariable, RunnersVariable];
    public const string DefaultDataDirectory = ".orchestrator";

    /// <summary>The storage these settings name (<see cref="StorageBackend.From"/>), its clients under <see cref="ClusterId"/> and <see cref="ServiceId"/>.</summary>
    public IStorageBackend Storage() => StorageBackend.From(new SiloSettings
    {
        Database = Database,
        DataDirectory = DataDirectory,
        ClusterId = ClusterId,
        ServiceId = ServiceId,
    });
}
