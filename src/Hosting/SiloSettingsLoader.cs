using Orchestrator.Specs.Experiments.Command;
using Orchestrator.Specs.Values;
using Microsoft.Extensions.Configuration;

namespace Orchestrator.Hosting;

/// <summary>
/// Reads <see cref="SiloSettings"/> from appsettings (section <c>Orchestrator</c>), then environment variables, then
/// flags, later sources winning. Each setting has one flag and one variable; <see cref="Help"/> lists them.
/// </summary>
public static class SiloSettingsLoader
{
    private static readonly (string Flag, string Variable, string Key, string Description)[] Settings =
    [
        ("--db", "ORCHESTRATOR_DB", nameof(SiloSettings.Database), "PostgreSQL connection string (cluster mode); without it, an SQLite file in --data"),
        ("--db-wait", "ORCHESTRATOR_DB_WAIT", nameof(SiloSettings.DatabaseWaitSeconds), "Seconds a starting silo waits for an unreachable database before it gives up (default 60)"),
        ("--cluster-id", "ORCHESTRATOR_CLUSTER_ID", nameof(SiloSettings.ClusterId), $"Cluster id (default orchestrator; without --db, {EmbeddedSilo.ClusterId}, as the CLI's silo)"),
        ("--service-id", "ORCHESTRATOR_SERVICE_ID", nameof(SiloSettings.ServiceId), $"Service id: grain state belongs to it (default orchestrator; without --db, {EmbeddedSilo.ServiceId}, as the CLI's silo)"),
        ("--silo-port", "ORCHESTRATOR_SILO_PORT", nameof(SiloSettings.SiloPort), "Silo-to-silo port (default 11111)"),
        ("--gateway-port", "ORCHESTRATOR_GATEWAY_PORT", nameof(SiloSettings.GatewayPort), "Client gateway port (default 30000)"),
        ("--advertised-address", "ORCHESTRATOR_ADVERTISED_ADDRESS", nameof(SiloSettings.AdvertisedAddress), "Address other silos reach this one at (default 127.0.0.1)"),
        ("--slots", "ORCHESTRATOR_SLOTS", nameof(SiloSettings.Slots), "Kernels run at once (default: one per core)"),
        ("--memory-budget", "ORCHESTRATOR_MEMORY_BUDGET", nameof(SiloSettings.MemoryBudget), "Bytes kernels may reserve at once, e.g. 12GiB (default: 75% of the memory available at start or of the cgroup memory limit, whichever is smaller)"),
        ("--metrics-port", "ORCHESTRATOR_METRICS_PORT", nameof(SiloSettings.MetricsPort), "Port of /metrics and /healthz (default 0: off)"),
        ("--metrics-address", "ORCHESTRATOR_METRICS_ADDRESS", nameof(SiloSettings.MetricsAddress), "Address /metrics and /healthz listen on (default: the advertised address, 127.0.0.1 unless set)"),
        ("--data", "ORCHESTRATOR_DATA", nameof(SiloSettings.DataDirectory), "Data folder of the SQLite file without --db (default .orchestrator)"),
        ("--window", "ORCHESTRATOR_WINDOW", nameof(SiloSettings.DispatchWindow), "Most cells in flight per sweep (default: 2 × the cluster's slots)"),
        ("--probe-timeout", "ORCHESTRATOR_PROBE_TIMEOUT", nameof(SiloSettings.ProbeTimeoutSeconds), "Seconds to wait for a liveness probe (default 5)"),
        ("--missed-probes", "ORCHESTRATOR_MISSED_PROBES", nameof(SiloSettings.MissedProbes), "Missed probes before a silo is suspected (default 3)"),
        ("--death-votes", "ORCHESTRATOR_DEATH_VOTES", nameof(SiloSettings.DeathVotes), "Suspicions that declare a silo dead (default 2)"),
        ("--runners", "ORCHESTRATOR_RUNNERS", nameof(SiloSettings.RunnersFile), "JSON file of the runners the command experiment may start (see docs/extending.md)"),
        (AllowFaultInjectionFlag, "ORCHESTRATOR_ALLOW_FAULT_INJECTION", nameof(SiloSettings.AllowFaultInjection), "Let synthetic specs inject faults (crash, hang, allocate); for tests only"),
    ];

    public const string AllowFaultInjectionFlag = "--allow-fault-injection";

    public const string Section = "Orchestrator";

    /// <summary>Every flag the silo reads, e.g. <c>--metrics-port</c>.</summary>
    public static IReadOnlyList<string> Flags => Settings.Select(s => s.Flag).ToList();

    /// <summary>Every environment variable the silo reads, e.g. <c>ORCHESTRATOR_METRICS_PORT</c>.</summary>
    public static IReadOnlyList<string> Variables => Settings.Select(s => s.Variable).ToList();

    /// <summary>Adds the flag and environment-variable sources to <paramref name="configuration"/>.</summary>
    public static void AddSources(IConfigurationBuilder configuration, string[] args)
    {
        var fromEnvironment = Settings
            .Select(s => (s.Key, Value: Environment.GetEnvironmentVariable(s.Variable)))
            .Where(s => s.Value is not null)
            .ToDictionary(s => $"{Section}:{s.Key}", s => s.Value);
        configuration.AddInMemoryCollection(fromEnvironment);
        // A switch stands alone on the command line; the configuration reader wants a value.
        var normalised = args.Select(a => a == AllowFaultInjectionFlag ? $"{a}=true" : a).ToArray();
        configuration.AddCommandLine(normalised, Settings.ToDictionary(s => s.Flag, s => $"{Section}:{s.Key}"));
    }

    /// <summary>Binds and checks the settings; a bad value names its flag.</summary>
    public static SiloSettings Load(IConfiguration configuration)
    {
        var settings = new SiloSettings();
        try
        {
            configuration.GetSection(Section).Bind(settings);
        }
        catch (InvalidOperationException ex)
        {
            throw new ArgumentException($"bad setting: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        // On an SQLite data folder the silo is the one the CLI would host there: same ids, so the sweeps stored in the
        // folder are the same whichever opens it, and a CLI joins it. Ids given explicitly are kept (and published
        // with the gateway, so a CLI still joins).
        if (string.IsNullOrWhiteSpace(settings.Database))
        {
            var section = configuration.GetSection(Section);
            if (section[nameof(SiloSettings.ServiceId)] is null)
            {
                settings.ServiceId = EmbeddedSilo.ServiceId;
            }

            if (section[nameof(SiloSettings.ClusterId)] is null)
            {
                settings.ClusterId = EmbeddedSilo.ClusterId;
            }
        }

        Check(settings.SiloPort is > 0 and < 65536, "--silo-port", settings.SiloPort);
        Check(settings.GatewayPort is > 0 and < 65536, "--gateway-port", settings.GatewayPort);
        Check(settings.MetricsPort is >= 0 and < 65536, "--metrics-port", settings.MetricsPort);
        Check(settings.Slots > 0, "--slots", settings.Slots);
        Check(System.Net.IPAddress.TryParse(settings.AdvertisedAddress, out _), "--advertised-address", settings.AdvertisedAddress);
        Check(settings.MetricsAddress is null || System.Net.IPAddress.TryParse(settings.MetricsAddress, out _), "--metrics-address", settings.MetricsAddress ?? "");
        Check(settings.MemoryBudget is null || ByteSize.TryParse(settings.MemoryBudget, out _), "--memory-budget", settings.MemoryBudget ?? "");
        Check(settings.DispatchWindow >= 0, "--window", settings.DispatchWindow);
        Check(settings.ProbeTimeoutSeconds > 0, "--probe-timeout", settings.ProbeTimeoutSeconds);
        Check(settings.MissedProbes > 0, "--missed-probes", settings.MissedProbes);
        Check(settings.DeathVotes > 0, "--death-votes", settings.DeathVotes);
        Check(settings.DatabaseWaitSeconds >= 0, "--db-wait", settings.DatabaseWaitSeconds);
        settings.Runners = settings.RunnersFile is { } file ? LoadRunners(file) : LoadRunners(configuration, Directory.GetCurrentDirectory());
        Check(settings.RunnersFile is null || File.Exists(settings.RunnersFile), "--runners", $"{settings.RunnersFile} (no such file)");
        return settings;
    }

    /// <summary>
    /// The runners declared in the JSON file <paramref name="path"/> (its <c>Runners</c> section), each working in
    /// its <c>WorkingDirectory</c> taken from the file's folder (the file's folder when it names none).
    /// </summary>
    /// <exception cref="ArgumentException">The file cannot be read, or a runner in it is malformed: the message starts with <c>--runners:</c> and names the key.</exception>
    public static RunnerCatalog LoadRunners(string path)
    {
        var full = Path.GetFullPath(path);
        IConfiguration file;
        try
        {
            file = new ConfigurationBuilder().AddJsonFile(full, optional: false).Build();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidDataException)
        {
            throw new ArgumentException($"--runners: cannot read {full}: {ex.Message}", ex);
        }

        return LoadRunners(file, Path.GetDirectoryName(full)!);
    }

    // appsettings may declare runners too (a top-level "Runners" section); their folders are taken from the current one.
    private static RunnerCatalog LoadRunners(IConfiguration configuration, string baseDirectory)
    {
        if (!RunnerCatalog.TryLoad(configuration, out var catalog, out var errors))
        {
            throw new ArgumentException("--runners: " + string.Join("; ", errors));
        }

        return new RunnerCatalog(catalog.Names.Select(catalog.Get)
            .Select(r => r with { WorkingDirectory = Path.GetFullPath(r.WorkingDirectory ?? ".", baseDirectory) }));
    }

    public static string Help() =>
        "Usage: dotnet run --project src/Silo -- [options]\n\nOptions (flag, environment variable, meaning):\n" +
        string.Join("\n", Settings.Select(s => $"  {s.Flag,-22} {s.Variable,-32} {s.Description}")) +
        "\n\nSettings may also come from appsettings.json, section \"Orchestrator\" (e.g. \"Slots\": 4).";

    private static void Check(bool ok, string flag, object value)
    {
        if (!ok)
        {
            throw new ArgumentException($"{flag}: out of range, got {value}");
        }
    }
}
