using Microsoft.Extensions.DependencyInjection;

namespace Orchestrator.Hosting.Tests;

/// <summary>
/// A kernel holds a thread-pool thread for its whole run (sleeping synthetic cells, native BLAS calls), and the pool
/// starts with one thread per core and adds more slowly. Without room for every slot's kernel, the grains' own work
/// waits behind them: sixteen silos of eight slots each dispatched at a third of their capacity.
/// </summary>
public sealed class KernelThreadTests
{
    [Fact]
    public void The_thread_pool_keeps_a_thread_for_every_slot_besides_one_per_core()
    {
        const int slots = 24;
        var settings = new SiloSettings { DataDirectory = Path.GetTempPath(), Slots = slots };

        new ServiceCollection().AddExperimentServices(settings);

        ThreadPool.GetMinThreads(out var workers, out _);
        Assert.True(workers >= slots + Environment.ProcessorCount,
            $"minimum worker threads {workers}, expected at least {slots} slots + {Environment.ProcessorCount} cores");
    }
}
