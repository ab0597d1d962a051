namespace Orchestrator.Hosting.Storage;

/// <summary>
/// Where the orchestrator keeps grain state, cluster membership and reminders: the embedded SQLite default
/// (<see cref="SqliteBackend"/>) or a PostgreSQL cluster (<see cref="PostgresBackend"/>). Chosen once from the settings
/// by <see cref="StorageBackend.From"/>; everything that differs between the two is a member here, so that the silo
/// process, the CLI and its embedded silo ask the backend instead of asking which one they have.
/// </summary>
public interface IStorageBackend
{
    /// <summary>Short name for logs: <c>sqlite</c> or <c>postgresql</c>.</summary>
    string Name { get; }

    /// <summary>Where the state lives, safe to print: the SQLite file, or the connection string without its password.</summary>
    string Location { get; }

    /// <summary>
    /// Whether silos keep durable reminders here. Where they do, a running sweep holds one and resumes after a
    /// whole-cluster restart without anyone asking; elsewhere it resumes on the next call.
    /// </summary>
    bool HasReminders { get; }

    /// <summary>
    /// Readies the storage for a silo process and claims what the silo holds while it runs (dispose the claim when
    /// it stops): PostgreSQL applies the schema, idempotently (its silos share the database); SQLite takes the data
    /// folder, which one process uses at a time.
    /// </summary>
    /// <exception cref="StorageSettingsException">Another process holds the storage.</exception>
    Task<IStorageClaim> PrepareAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the storage for a silo inside a client process (the CLI's embedded silo), or null when the client should
    /// connect through <see cref="ConfigureClient"/> instead: SQLite's folder when no other process holds it;
    /// never PostgreSQL's database, whose silos are processes of their own.
    /// </summary>
    IStorageClaim? TryClaimForEmbeddedSilo();

    /// <summary>
    /// Applies the schema ahead of any silo (<c>orchestrator db init</c>). Only a shared database has one to apply
    /// ahead; the SQLite file is created by the silo that claims its folder.
    /// </summary>
    /// <exception cref="StorageSettingsException">The backend has no schema to apply ahead.</exception>
    Task InitializeSchemaAsync(CancellationToken cancellationToken = default);

    /// <summary>How the silo finds the others and keeps its reminders, under the settings' cluster and service ids.</summary>
    void ConfigureClustering(ISiloBuilder silo, SiloSettings settings);

    /// <summary>The grains' state storage (<see cref="Orchestrator.Grains.Hosting.StorageNames.Default"/>).</summary>
    void ConfigureGrainStorage(ISiloBuilder silo);

    /// <summary>How a client that hosts no silo reaches the cluster.</summary>
    /// <exception cref="StorageSettingsException">The storage offers no way in.</exception>
    void ConfigureClient(IClientBuilder client);
}
