using Orleans.Serialization;
using Orleans.Storage;
using Orchestrator.Grains.Hosting;

namespace Orchestrator.Hosting.Storage;

/// <summary>The grains' state storage through Orleans' ADO.NET provider, the same on every backend but for its driver.</summary>
internal static class AdoNetGrainStorage
{
    public static void Add(ISiloBuilder silo, string invariant, string connectionString)
    {
        silo.AddAdoNetGrainStorage(StorageNames.Default, storage => storage.Configure<Serializer>((options, serializer) =>
        {
            options.Invariant = invariant;
            options.ConnectionString = connectionString;
            // Orleans' binary format, version-tolerant through the [Id] attributes: smaller than the default JSON
            // and cheaper to write.
            options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
    }
}
