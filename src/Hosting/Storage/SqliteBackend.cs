using System.Net;
using Orleans.Configuration;
using Orchestrator.Grains.Hosting;

namespace Orchestrator.Hosting.Storage;

/// <summary>
/// The embedded single-process default: grain state in an SQLite file in the data folder, localhost clustering and no
/// reminders (Orleans has no SQLite clustering or reminders). One process at a time holds the folder
/// (<see cref="DataFolderLease"/>); others reach that process's silo through the gateway it publishes there.
/// </summary>
public sealed class SqliteBackend(string dataDirectory) : IStorageBackend
{
    public const string FileName = "orchestrator.db";

    public string DataDirectory { get; } = dataDirectory;

    public string DatabasePath => Path.Combine(DataDirectory, FileName);

    public string Name => "sqlite";

    public string Location => DatabasePath;

    public bool HasReminders => false;

    public Task<IStorageClaim> PrepareAsync(CancellationToken cancellationToken = default) =>
        TryClaimForEmbeddedSilo() is { } lease
            ? Task.FromResult(lease)
            : Task.FromException<IStorageClaim>(new StorageSettingsException($"--data: the folder {DataDirectory} is in use by another silo"));

    public IStorageClaim? TryClaimForEmbeddedSilo() => DataFolderLease.TryAcquire(DataDirectory);

    public Task InitializeSchemaAsync(CancellationToken cancellationToken = default) =>
        Task.FromException(new StorageSettingsException("--db: give the PostgreSQL connection string (or set ORCHESTRATOR_DB)"));

    public void ConfigureClustering(ISiloBuilder silo, SiloSettings settings) =>
        silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);

    /// <summary>
    /// Creates the file and its schema if needed (idempotent) when the silo is configured. SQLite takes one writer at
    /// a time: writes queue in the process for it (<see cref="OneWriterGrainStorage"/>).
    /// </summary>
    public void ConfigureGrainStorage(ISiloBuilder silo)
    {
        AdoNetGrainStorage.Add(silo, SqliteGrainStore.Invariant, SqliteGrainStore.Prepare(DatabasePath));
        OneWriterGrainStorage.Wrap(silo, StorageNames.Default);
    }

    /// <summary>
    /// Joins the silo of the process that holds the folder (a CLI's embedded silo or a standalone silo), through the
    /// gateway it published, under the ids it published with it.
    /// </summary>
    public void ConfigureClient(IClientBuilder client)
    {
        if (DataFolderLease.ReadGateway(DataDirectory) is not { } gateway)
        {
            throw new StorageSettingsException($"--data: the folder {DataDirectory} is in use by another process that serves no gateway");
        }

        client
            .UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gateway.Port))
            .Configure<ClusterOptions>(o =>
            {
                o.ServiceId = gateway.ServiceId;
                o.ClusterId = gateway.ClusterId;
            });
    }
}
