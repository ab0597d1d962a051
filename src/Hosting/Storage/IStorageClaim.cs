namespace Orchestrator.Hosting.Storage;

/// <summary>What a silo holds on its storage while it runs (see <see cref="IStorageBackend.PrepareAsync"/>); disposed when it stops.</summary>
public interface IStorageClaim : IDisposable
{
    /// <summary>
    /// Tells clients where this silo's gateway is and which ids it runs under, on backends where they find it through
    /// the storage itself (a file in the SQLite data folder). Call once the silo has started.
    /// </summary>
    void PublishGateway(SiloSettings silo);
}
