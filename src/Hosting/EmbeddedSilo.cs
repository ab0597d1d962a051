using Orchestrator.Specs.Experiments.Command;
using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Hosting;

/// <summary>
/// The silo a CLI process hosts over its data folder when no cluster is configured. It runs under fixed ids of its own,
/// which a standalone silo on a data folder takes too (unless given others; see <see cref="SiloSettingsLoader.Load"/>):
/// grain state in the folder belongs to the service id, so both see the same sweeps. The holder of the folder
/// publishes its gateway and ids there, and other CLIs join it (see <see cref="Storage.SqliteBackend.ConfigureClient"/>).
/// </summary>
public static class EmbeddedSilo
{
    public const string ServiceId = "orchestrator-embedded";
    public const string ClusterId = "embedded";

    /// <summary>
    /// Settings for an embedded silo on <paramref name="dataDirectory"/>: free loopback ports (several CLIs may run at
    /// once on different folders), <paramref name="slots"/> kernel slots (0: one per core) and /metrics on
    /// <paramref name="metricsPort"/> (0: none), declaring <paramref name="runners"/> and allowing fault injection when
    /// asked.
    /// </summary>
    public static SiloSettings Settings(string dataDirectory, int slots, int metricsPort, RunnerCatalog? runners = null,
        bool allowFaultInjection = false) => new()
    {
        Runners = runners ?? RunnerCatalog.Empty,
        AllowFaultInjection = allowFaultInjection,
        DataDirectory = dataDirectory,
        SiloPort = FreePort(),
        GatewayPort = FreePort(),
        Slots = slots > 0 ? slots : Environment.ProcessorCount,
        MetricsPort = metricsPort,
        ServiceId = ServiceId,
        ClusterId = ClusterId,
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
