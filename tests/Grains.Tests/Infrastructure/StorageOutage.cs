using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Grains.Hosting;
using Orchestrator.Grains.Storage;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Orchestrator.Grains.Tests.Infrastructure;

/// <summary>
/// A database outage on demand: the silo's grain storage is wrapped so that writes of the chosen states fail while
/// the outage lasts. Get it from <see cref="SqliteTestCluster.SiloServices"/> of a cluster started with
/// <see cref="Configure"/>.
/// </summary>
public sealed class StorageOutage
{
    private volatile string[]? _failing;

    /// <summary>Adds the outage switch to every silo of the cluster being built.</summary>
    public static void Configure(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<Configurator>();

    /// <summary>
    /// Retries of a failed write give up after <paramref name="giveUpAfter"/> until the returned scope is disposed,
    /// so that an outage outlasts them within a test.
    /// </summary>
    public static IDisposable ShortenRetries(TimeSpan giveUpAfter)
    {
        var previous = ResilientStateWrites.GiveUpAfter;
        ResilientStateWrites.GiveUpAfter = giveUpAfter;
        return new Restore(() => ResilientStateWrites.GiveUpAfter = previous);
    }

    /// <summary>Writes (and clears) of the named states fail from now on.</summary>
    public void Begin(params string[] stateNames) => _failing = stateNames;

    /// <summary>Storage works again.</summary>
    public void End() => _failing = null;

    private bool Fails(string stateName) => _failing is { } failing && failing.Contains(stateName);

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var services = siloBuilder.Services;
            var original = services.Single(d =>
                d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, StorageNames.Default));
            services.Remove(original);
            services.AddSingleton<StorageOutage>();
            services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, (sp, key) => new FailingStorage(
                (IGrainStorage)original.KeyedImplementationFactory!(sp, key),
                sp.GetRequiredService<StorageOutage>()));
        }
    }

    /// <summary>The silo's storage, failing while the outage lasts; it still takes part in the silo's lifecycle.</summary>
    private sealed class FailingStorage(IGrainStorage inner, StorageOutage outage)
        : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            outage.Fails(stateName)
                ? Task.FromException(new TimeoutException($"storage is unreachable (writing {stateName})"))
                : inner.WriteStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            outage.Fails(stateName)
                ? Task.FromException(new TimeoutException($"storage is unreachable (clearing {stateName})"))
                : inner.ClearStateAsync(stateName, grainId, grainState);

        public void Participate(ISiloLifecycle lifecycle) =>
            (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
    }
}
