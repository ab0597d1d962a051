using System.CommandLine;
using Orchestrator.Client.Connection;
using Orchestrator.Hosting;
using Orchestrator.Specs.Experiments.Command;

namespace Orchestrator.Client.Commands;

/// <summary>Options every verb that talks to a cluster accepts.</summary>
public static class CommonOptions
{
    public static readonly Option<string?> Database = new("--db")
    {
        Description = $"PostgreSQL connection string of a cluster (default: ${ConnectionSettings.DatabaseVariable}; without either, the embedded default runs in this process)",
        Recursive = true,
    };

    public static readonly Option<string?> Data = new("--data")
    {
        Description = $"Data folder of the embedded default (default: ${ConnectionSettings.DataVariable}, else ./{ConnectionSettings.DefaultDataDirectory})",
        Recursive = true,
    };

    public static readonly Option<int> Slots = new("--slots")
    {
        Description = "Kernels run at once by the embedded silo (default: one per core)",
        Recursive = true,
    };

    public static readonly Option<int> MetricsPort = new("--metrics-port")
    {
        Description = "Serve /metrics and /healthz of the embedded silo on this port (default: off)",
        Recursive = true,
    };

    public static readonly Option<string?> Runners = new("--runners")
    {
        Description = $"JSON file of the runners the embedded silo may start for the command experiment (default: ${ConnectionSettings.RunnersVariable}; see docs/extending.md)",
        Recursive = true,
    };

    public static readonly Option<bool> AllowFaultInjection = new(SiloSettingsLoader.AllowFaultInjectionFlag)
    {
        Description = "Let the embedded silo run synthetic specs' fault options (crash, hang, allocate); for tests",
        Recursive = true,
    };

    public static ConnectionSettings Connection(ParseResult parse)
    {
        var slots = parse.GetValue(Slots);
        if (slots < 0)
        {
            throw new UsageException($"--slots: must be a positive integer, got {slots}");
        }

        var metricsPort = parse.GetValue(MetricsPort);
        if (metricsPort is < 0 or > 65535)
        {
            throw new UsageException($"--metrics-port: must be a port number (1-65535), got {metricsPort}");
        }

        var runnersFile = parse.GetValue(Runners) ?? Environment.GetEnvironmentVariable(ConnectionSettings.RunnersVariable);
        RunnerCatalog runners;
        try
        {
            runners = runnersFile is null ? RunnerCatalog.Empty : SiloSettingsLoader.LoadRunners(runnersFile);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }

        return new ConnectionSettings(
            parse.GetValue(Database) ?? Environment.GetEnvironmentVariable(ConnectionSettings.DatabaseVariable),
            parse.GetValue(Data) ?? Environment.GetEnvironmentVariable(ConnectionSettings.DataVariable) ?? ConnectionSettings.DefaultDataDirectory,
            slots,
            metricsPort)
        {
            Runners = runners,
            AllowFaultInjection = parse.GetValue(AllowFaultInjection),
        };
    }

    public static Argument<string> SweepId() => new("ID") { Description = "The sweep's name" };
}
