using Orleans.Serialization;
using Orleans.Storage;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrator.Grains.Capacity;
using Orchestrator.Grains.Placement;
using Orchestrator.Grains.Hosting;
using Orchestrator.Grains.Runs;
using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Specs.Experiments;
using Orchestrator.Silo.Storage;
using Orchestrator.Silo.Telemetry;
using Orchestrator.Specs.Values;
using Orleans.Configuration;

namespace Orchestrator.Silo.Hosting;

/// <summary>Configures a silo of the orchestrator: clustering, grain storage, kernels and dispatch.</summary>
public static class OrchestratorSiloExtensions
{
    /// <summary>Problems kept per silo for cells that share them (features, covariance, eigendecomposition).</summary>
    private const int ProblemCacheCapacity = 8;

    /// <summary>Clustering, storage and kernels: everything a silo process needs.</summary>
    public static ISiloBuilder UseOrchestrator(this ISiloBuilder silo, SiloSettings settings)
    {
        if (settings.IsEmbedded)
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }
        else
        {
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
                o.ConnectionString = PostgresDatabase.WithPoolDefaults(settings.Database!);
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = PostgresDatabase.Invariant;
                o.ConnectionString = PostgresDatabase.WithPoolDefaults(settings.Database!);
            });
        }

        return silo.AddOrchestratorGrains(settings);
    }

    /// <summary>Grain storage and kernels, without clustering (a test cluster brings its own).</summary>
    public static ISiloBuilder AddOrchestratorGrains(this ISiloBuilder silo, SiloSettings settings)
    {
        var (invariant, connectionString) = settings.IsEmbedded
            ? (SqliteGrainStore.Invariant, SqliteGrainStore.Prepare(settings.SqlitePath))
            : (PostgresDatabase.Invariant, PostgresDatabase.WithPoolDefaults(settings.Database!));
        silo.AddAdoNetGrainStorage(StorageNames.Default, storage => storage.Configure<Serializer>((options, serializer) =>
        {
            options.Invariant = invariant;
            options.ConnectionString = connectionString;
            // Orleans' binary format, version-tolerant through the [Id] attributes: smaller than the default JSON
            // and cheaper to write.
            options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));

        silo.Services.AddOrchestratorKernels(settings);
        return silo;
    }

    public static IServiceCollection AddOrchestratorKernels(this IServiceCollection services, SiloSettings settings)
    {
        // Kernels run side by side in their slots: give each its share of the cores, never more.
        NativeBlas.SetThreadCount(Math.Max(1, Environment.ProcessorCount / settings.Slots));
        var memory = settings.MemoryBudget is { } budget && ByteSize.TryParse(budget, out var bytes)
            ? new MemoryBudget(bytes)
            : MemoryBudget.FromAvailableMemory();
        services.AddSingleton(memory);
        services.AddSingleton(new KernelSlots(settings.Slots, memory));
        services.AddSingleton(new ExperimentHost
        {
            AllowFaultInjection = settings.AllowFaultInjection,
            ProblemCacheCapacity = ProblemCacheCapacity,
        });
        services.AddSingleton<CellExecutor>();
        services.AddOrchestratorMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SlotReporter>();
        services.AddPlacementDirector<FreeSlotsPlacement, FreeSlotsPlacementDirector>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SlotReporter>());
        services.Configure<DispatchOptions>(o =>
        {
            o.Window = settings.DispatchWindow;
            o.UseReminders = !settings.IsEmbedded;
        });
        return services;
    }
}
