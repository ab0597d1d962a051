using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Hosting.Storage;

/// <summary>
/// Grain state in an SQLite file through Orleans' ADO.NET grain storage. The provider looks its driver up by the
/// invariant name <c>System.Data.SQLite</c> (the only SQLite name Orleans' ADO.NET layer knows); it is registered here
/// to Microsoft.Data.Sqlite's factory. The schema and stored queries are the project's own (deploy/sql/sqlite).
/// </summary>
public static class SqliteGrainStore
{
    public const string Invariant = "System.Data.SQLite";

    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>Creates the file and its schema if needed (idempotent) and registers the driver.</summary>
    public static string Prepare(string path)
    {
        DbProviderFactories.RegisterFactory(Invariant, SqliteFactory.Instance);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connectionString = ConnectionString(path);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
        foreach (var script in SqlScripts.Load("sqlite"))
        {
            Execute(connection, script);
        }

        return connectionString;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
