using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Orchestrator.Hosting.Storage;

/// <summary>
/// Grain storage whose writes reach the database one at a time, in the order they were made; reads pass straight
/// through. For SQLite, which takes one writer at a time: Microsoft.Data.Sqlite retries a write that finds the file
/// locked only after sleeping 150 ms, on the caller's thread, while later writers that find it free go first. Cells
/// that finish together would then store their results (and report them, which follows the write) hundreds of
/// milliseconds apart, overtaken by cells that finished after them, each holding a place of the sweep's window
/// meanwhile. Queued here, a write waits only for the writes before it, and no thread sleeps.
/// </summary>
/// <remarks>The embedded silo is the only process that writes its data folder's file, so queueing in the process suffices.</remarks>
internal sealed class OneWriterGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Puts the queue in front of the grain storage registered under <paramref name="name"/>.</summary>
    public static void Wrap(ISiloBuilder silo, string name)
    {
        var services = silo.Services;
        var registered = services.Single(d =>
            d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, name));
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, key) =>
            new OneWriterGrainStorage((IGrainStorage)registered.KeyedImplementationFactory!(provider, key)));
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        OneAtATimeAsync(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        OneAtATimeAsync(() => inner.ClearStateAsync(stateName, grainId, grainState));

    /// <summary>The storage still takes part in the silo's lifecycle (the ADO.NET storage sets itself up there).</summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    private async Task OneAtATimeAsync(Func<Task> write)
    {
        // Waiters are let in first come, first served.
        await _writer.WaitAsync().ConfigureAwait(false);
        try
        {
            await write().ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }
}
