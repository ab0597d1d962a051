using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Grains.Hosting;
using Orchestrator.Hosting;
using Orchestrator.Hosting.Storage;
using Orleans.TestingHost;

namespace Orchestrator.Grains.Tests.Infrastructure;

/// <summary>
/// An in-process Orleans test cluster whose grain state lives in an SQLite file, as in the embedded default.
/// Two clusters built on the same folder one after the other share their state: that is how resume is tested.
/// </summary>
public sealed class SqliteTestCluster : IAsyncDisposable
{
    private const string DataKey = "Orchestrator:DataDirectory";
    private const string SlotsKey = "Orchestrator:Slots";
    private const string WindowKey = "Orchestrator:Window";
    private const string MemoryBudgetKey = "Orchestrator:MemoryBudget";
    private const string GaugeGraceKey = "Orchestrator:FinishedGaugeGrace";
    private const string FlushIntervalKey = "Orchestrator:FlushInterval";
    private const string ReconcileIntervalKey = "Orchestrator:ReconcileInterval";
    private const string FaultInjectionKey = "Orchestrator:AllowFaultInjection";

    private SqliteTestCluster(TestCluster cluster) => Cluster = cluster;

    public TestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>The services of the (first) silo, for reading what it stores without going through a grain.</summary>
    public IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services;

    public static async Task<SqliteTestCluster> StartAsync(string dataDirectory, int slots = 2, int window = 4,
        string? memoryBudget = null, TimeSpan? finishedGaugeGrace = null, Action<TestClusterBuilder>? configure = null,
        TimeSpan? flushInterval = null, bool allowFaultInjection = false,
        IReadOnlyDictionary<string, string>? memoryBudgetBySilo = null, TimeSpan? reconcileInterval = null)
    {
        // One silo, or one per named budget ("Primary", "Secondary_1", ... as the test cluster names them).
        var builder = new TestClusterBuilder(initialSilosCount: (short)Math.Max(1, memoryBudgetBySilo?.Count ?? 1));
        // Grain state is keyed by service id: a fixed one lets a second cluster find the first one's state.
        builder.Options.ServiceId = "orchestrator-tests";
        builder.Properties[DataKey] = dataDirectory;
        builder.Properties[SlotsKey] = slots.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Properties[WindowKey] = window.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (memoryBudget is not null)
        {
            builder.Properties[MemoryBudgetKey] = memoryBudget;
        }

        foreach (var (silo, budget) in memoryBudgetBySilo ?? new Dictionary<string, string>())
        {
            builder.Properties[$"{MemoryBudgetKey}:{silo}"] = budget;
        }

        if (finishedGaugeGrace is { } grace)
        {
            builder.Properties[GaugeGraceKey] = grace.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (flushInterval is { } flush)
        {
            builder.Properties[FlushIntervalKey] = flush.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (reconcileInterval is { } reconcile)
        {
            builder.Properties[ReconcileIntervalKey] = reconcile.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        }

        builder.Properties[FaultInjectionKey] = allowFaultInjection ? "true" : "false";
        builder.AddSiloBuilderConfigurator<Configurator>();
        configure?.Invoke(builder);
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new SqliteTestCluster(cluster);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var configuration = siloBuilder.Configuration;
            var settings = new SiloSettings
            {
                DataDirectory = configuration[DataKey]!,
                Slots = int.Parse(configuration[SlotsKey]!, System.Globalization.CultureInfo.InvariantCulture),
                DispatchWindow = int.Parse(configuration[WindowKey]!, System.Globalization.CultureInfo.InvariantCulture),
                MemoryBudget = configuration[$"{MemoryBudgetKey}:{configuration["Orleans:Name"]}"] ?? configuration[MemoryBudgetKey],
                AllowFaultInjection = configuration[FaultInjectionKey] == "true",
            };
            siloBuilder.AddOrchestratorGrains(settings, StorageBackend.From(settings));
            var grace = configuration[GaugeGraceKey];
            var flush = configuration[FlushIntervalKey];
            var reconcile = configuration[ReconcileIntervalKey];
            siloBuilder.Services.Configure<DispatchOptions>(o =>
            {
                o.ReconcileInterval = reconcile is null
                    ? TimeSpan.FromSeconds(2)
                    : TimeSpan.Parse(reconcile, System.Globalization.CultureInfo.InvariantCulture);
                o.FlushInterval = flush is null
                    ? TimeSpan.FromMilliseconds(200)
                    : TimeSpan.Parse(flush, System.Globalization.CultureInfo.InvariantCulture);
                if (grace is not null)
                {
                    o.FinishedGaugeGrace = TimeSpan.Parse(grace, System.Globalization.CultureInfo.InvariantCulture);
                }
            });
        }
    }
}
