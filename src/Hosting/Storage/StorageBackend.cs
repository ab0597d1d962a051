namespace Orchestrator.Hosting.Storage;

/// <summary>The one place that decides between the embedded SQLite default and a PostgreSQL cluster.</summary>
public static class StorageBackend
{
    /// <summary>
    /// PostgreSQL when the settings name a database (<c>--db</c>, <c>ORCHESTRATOR_DB</c>), its clients under the
    /// settings' cluster and service ids; otherwise SQLite in the data folder.
    /// </summary>
    public static IStorageBackend From(SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return string.IsNullOrWhiteSpace(settings.Database)
            ? new SqliteBackend(settings.DataDirectory)
            : new PostgresBackend(settings.Database, settings.ClusterId, settings.ServiceId);
    }
}
