using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrator.Grains.Aggregation;
using Orchestrator.Grains.Capacity;
using Orchestrator.Grains.Placement;
using Orchestrator.Grains.Hosting;
using Orchestrator.Grains.Runs;
using Orchestrator.Numerics;
using Orchestrator.Specs.Experiments;
using Orchestrator.Hosting.Storage;
using Orchestrator.Hosting.Telemetry;
using Orchestrator.Specs.Values;

namespace Orchestrator.Hosting;

/// <summary>Configures a silo of the orchestrator: clustering, grain storage, kernels and dispatch.</summary>
public static class OrchestratorSiloExtensions
{
    /// <summary>
    /// Problems kept per silo for cells that share them (features, covariance, eigendecomposition), beyond one per
    /// kernel slot. A sweep hands out the cells of one problem side by side, so by the time a slot asks for a third
    /// problem every cell of the first has been handed out: the problems of the running cells are all that sharing
    /// needs, and a spare would only hold memory (an N = 4096 problem is 134 MB).
    /// </summary>
    public const int ProblemCacheSpare = 0;

    /// <summary>Share of the silo's memory budget that the problems kept for sharing may hold together.</summary>
    public const double ProblemCacheShareOfBudget = 0.25;

    /// <summary>Clustering, storage and kernels on <paramref name="storage"/>: everything a silo process needs.</summary>
    public static ISiloBuilder UseOrchestrator(this ISiloBuilder silo, SiloSettings settings, IStorageBackend storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        storage.ConfigureClustering(silo, settings);
        return silo.AddOrchestratorGrains(settings, storage);
    }

    /// <summary>Grain storage, the grains' services and dispatch, without clustering (a test cluster brings its own).</summary>
    public static ISiloBuilder AddOrchestratorGrains(this ISiloBuilder silo, SiloSettings settings, IStorageBackend storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        storage.ConfigureGrainStorage(silo);
        silo.Services.AddExperimentServices(settings);
        silo.Services.Configure<DispatchOptions>(o => o.UseReminders = storage.HasReminders);
        return silo;
    }

    /// <summary>
    /// The services the grains take from the container: kernels and their slots, the memory budget, the problem
    /// cache, metrics, placement and the dispatch window. Every silo registration of a grain's service belongs here.
    /// </summary>
    public static IServiceCollection AddExperimentServices(this IServiceCollection services, SiloSettings settings)
    {
        // Kernels run side by side in their slots: give each its share of the cores, never more.
        KernelParallelism.MaxThreads = Math.Max(1, Environment.ProcessorCount / settings.Slots);
        // A kernel holds a pool thread for its whole run; the pool starts at one thread per core and grows slowly, so
        // without a thread for every slot besides those, the grains' own work would queue behind the kernels.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, settings.Slots + Environment.ProcessorCount), completionPorts);
        var memory = settings.MemoryBudget is { } budget && ByteSize.TryParse(budget, out var bytes)
            ? new MemoryBudget(bytes)
            : MemoryBudget.FromAvailableMemory();
        services.AddSingleton(memory);
        services.AddSingleton(new KernelSlots(settings.Slots, memory));
        // What this silo offers the experiment modules; each module builds its kernel from it.
        services.AddSingleton(new ExperimentHost
        {
            AllowFaultInjection = settings.AllowFaultInjection,
            Runners = settings.Runners,
            ProblemCacheCapacity = settings.Slots + ProblemCacheSpare,
            ProblemCacheMaxBytes = Math.Max(1, (long)(ProblemCacheShareOfBudget * memory.Capacity)),
        });
        services.AddSingleton<CellExecutor>();
        services.TryAddSingleton<IAnalysisFactory, ModuleAnalysisFactory>();
        services.AddOrchestratorMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SlotReporter>();
        services.AddPlacementDirector<FreeSlotsPlacement, FreeSlotsPlacementDirector>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SlotReporter>());
        services.Configure<DispatchOptions>(o => o.Window = settings.DispatchWindow);
        return services;
    }
}
