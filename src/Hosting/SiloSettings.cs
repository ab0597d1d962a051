using Orchestrator.Specs.Experiments.Command;
namespace Orchestrator.Hosting;

/// <summary>
/// Everything a silo needs to start, from flags, environment variables (<c>ORCHESTRATOR_*</c>) or appsettings
/// (section <c>Orchestrator</c>). <see cref="Database"/> chooses the storage (<see cref="Storage.StorageBackend.From"/>):
/// without it the silo is the embedded single-process default, localhost clustering and grain state in an SQLite file
/// under <see cref="DataDirectory"/>.
/// </summary>
public sealed class SiloSettings
{
    /// <summary>
    /// Cluster id of a PostgreSQL cluster. Without <see cref="Database"/>, <see cref="SiloSettingsLoader.Load"/> sets
    /// it to <see cref="EmbeddedSilo.ClusterId"/> unless it was given.
    /// </summary>
    public string ClusterId { get; set; } = "orchestrator";
    /// <summary>
    /// Service id: grain state belongs to it. Without <see cref="Database"/>, <see cref="SiloSettingsLoader.Load"/>
    /// sets it to <see cref="EmbeddedSilo.ServiceId"/> unless it was given, so that a standalone silo and the CLI's
    /// embedded silo see the same sweeps in a data folder.
    /// </summary>
    public string ServiceId { get; set; } = "orchestrator";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    /// <summary>Address other silos and clients reach this one at; loopback unless configured.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";
    /// <summary>Kernels this silo runs at once. Default: one per core.</summary>
    public int Slots { get; set; } = Environment.ProcessorCount;
    /// <summary>
    /// Bytes this silo's kernels may reserve at once, e.g. <c>12GiB</c>; null for the default, 75% of the memory
    /// available when the silo starts or of its cgroup's memory limit, whichever is smaller.
    /// </summary>
    public string? MemoryBudget { get; set; }
    /// <summary>Port of /metrics and /healthz; 0 for none.</summary>
    public int MetricsPort { get; set; }
    /// <summary>Address /metrics and /healthz listen on; null for <see cref="AdvertisedAddress"/> (loopback unless configured).</summary>
    public string? MetricsAddress { get; set; }
    /// <summary>PostgreSQL connection string for a cluster; null for the embedded SQLite default.</summary>
    public string? Database { get; set; }
    /// <summary>
    /// Seconds a starting silo waits for a database that refuses connections (down, starting, shutting down) before
    /// it gives up: silos and their database often start together, and a supervisor restarts a silo during a database
    /// restart.
    /// </summary>
    public int DatabaseWaitSeconds { get; set; } = 60;

    /// <summary>Folder of the embedded default's SQLite file.</summary>
    public string DataDirectory { get; set; } = ".orchestrator";
    /// <summary>Most cells in flight per sweep; 0 means twice the cluster's kernel slots.</summary>
    public int DispatchWindow { get; set; }

    /// <summary>
    /// Seconds a silo waits for a probe's answer. A dead silo is declared dead after about
    /// <see cref="ProbeTimeoutSeconds"/> × <see cref="MissedProbes"/> seconds plus the gossip of the votes.
    /// </summary>
    public int ProbeTimeoutSeconds { get; set; } = 5;

    /// <summary>Missed probes after which a silo suspects another.</summary>
    public int MissedProbes { get; set; } = 3;

    /// <summary>Suspicions needed to declare a silo dead (capped by the number of silos alive).</summary>
    public int DeathVotes { get; set; } = 2;

    /// <summary>A JSON file declaring the runners of the <c>command</c> experiment (its <c>Runners</c> section); null for none.</summary>
    public string? RunnersFile { get; set; }

    /// <summary>Lets <c>synthetic</c> specs inject faults; off unless the silo is started with the flag.</summary>
    public bool AllowFaultInjection { get; set; }

    /// <summary>The runners this silo declares, read by <see cref="SiloSettingsLoader.Load"/>; not bound from configuration.</summary>
    public RunnerCatalog Runners { get; internal set; } = RunnerCatalog.Empty;
}
