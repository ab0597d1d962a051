using System.Data.Common;
using Npgsql;

namespace Orchestrator.Hosting.Storage;

/// <summary>
/// The cluster's PostgreSQL database: grain state, cluster membership and reminders, all through Orleans' ADO.NET
/// providers under the invariant <see cref="Invariant"/>. The schema and the stored queries the providers read are the
/// project's own (deploy/sql/postgresql, embedded in this assembly).
/// </summary>
public static class PostgresDatabase
{
    /// <summary>The ADO.NET invariant name the Orleans providers use to find the Npgsql driver.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Key of the session-level advisory lock held while the schema is applied. Any fixed 64-bit number works; it only
    /// has to be the same for every silo and client of the project.
    /// </summary>
    private const long SchemaLockKey = 0x4F52_4348_5343_4845; // "ORCHSCHE"

    /// <summary>
    /// Connections one process opens at most unless the connection string sets <c>Maximum Pool Size</c>. Npgsql's
    /// own default (100) equals PostgreSQL's default <c>max_connections</c>, so a single busy silo could lock every
    /// other silo and client out; operations beyond the pool wait for a connection instead. A silo's statements are
    /// short single-row writes and reads, so ten keep a database server's cores busy, and a cluster's need stays
    /// predictable: ten per silo (<c>benchmarks/scale-sleep.sh</c> measures what silos hold).
    /// </summary>
    public const int DefaultMaxPoolSize = 10;

    /// <summary>Npgsql's spellings of the pool-size keyword ("Maximum Pool Size", "MaxPoolSize"), spaces removed, any case.</summary>
    private static readonly HashSet<string> PoolSizeKeys = new(["MaximumPoolSize", "MaxPoolSize"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The connection string with <see cref="DefaultMaxPoolSize"/> unless it sets a pool size itself.</summary>
    public static string WithPoolDefaults(string connectionString)
    {
        // The generic builder keeps the keys as written, so a pool size given under any of Npgsql's spellings is seen.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(key => PoolSizeKeys.Contains(key.Replace(" ", "", StringComparison.Ordinal))))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaxPoolSize }.ConnectionString;
    }

    /// <summary>
    /// Registers the driver under <see cref="Invariant"/> and applies every schema script in one transaction. The
    /// scripts are idempotent, so this is safe on every start; an advisory lock serialises silos that start at the same
    /// moment, and the transaction means a failure leaves the database as it was.
    /// </summary>
    /// <exception cref="PostgresSchemaException">The database refused a script; the message names the script and
    /// the server's error, never the password.</exception>
    public static async Task InitializeAsync(string connectionString, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        RegisterDriver();

        var scripts = SqlScripts.Load("postgresql");
        if (scripts.Count == 0)
        {
            throw new InvalidOperationException("No PostgreSQL schema scripts are embedded in the hosting assembly.");
        }

        // Unpooled: the check runs once per start, and a pooled connection would stay open idle beside the silo's
        // own pool for the process's lifetime, one more than the bound that pool promises.
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(unpooled);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new PostgresSchemaException($"Cannot connect to PostgreSQL ({Redact(connectionString)}): {ex.Message}", ex);
        }

        // A transaction-level advisory lock is released by COMMIT or ROLLBACK, so a crashed initialiser never leaves
        // it behind.
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({SchemaLockKey});", ct);
        for (var i = 0; i < scripts.Count; i++)
        {
            try
            {
                await ExecuteAsync(connection, transaction, scripts[i], ct);
            }
            catch (PostgresException ex)
            {
                throw new PostgresSchemaException(
                    $"PostgreSQL schema script #{i + 1} failed on {Redact(connectionString)}: {ex.MessageText} (SQLSTATE {ex.SqlState})", ex);
            }
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// True when <paramref name="exception"/> (or one it wraps) says the server cannot be reached now but may be soon:
    /// a refused or dropped connection, a timeout, or a server starting up or shutting down (SQLSTATE class 57P).
    /// A wrong password or a missing database is not: waiting would not help.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("57P", StringComparison.Ordinal);
                case NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Registers Npgsql's factory under <see cref="Invariant"/> in <see cref="DbProviderFactories"/>, where Orleans'
    /// ADO.NET providers look drivers up. Idempotent; <see cref="InitializeAsync"/> calls it.
    /// </summary>
    public static void RegisterDriver()
    {
        if (!DbProviderFactories.TryGetFactory(Invariant, out _))
        {
            DbProviderFactories.RegisterFactory(Invariant, NpgsqlFactory.Instance);
        }
    }

    /// <summary>
    /// The connection string without its secrets, for messages and logs (a connection string itself must never be
    /// logged): every key <see cref="IsSecretKey"/> names goes, value and all, and the rest stays. It is read as a
    /// plain list of keys and values, so a key the driver does not know is judged too. A string that does not parse
    /// is replaced by a placeholder rather than echoed.
    /// </summary>
    public static string Redact(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in builder.Keys.Cast<string>().Where(IsSecretKey).ToList())
            {
                builder.Remove(key);
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(unparsable connection string)";
        }
    }

    /// <summary>
    /// Whether a connection-string key carries a secret, ignoring case, spaces, hyphens and underscores: the
    /// driver's password (<c>Password</c>, <c>Pwd</c>, <c>Psw</c>), password file (<c>Passfile</c>), client key
    /// (<c>SSL Key</c>, <c>Client Certificate Key</c>) and any key whose name contains "password", "passwd",
    /// "secret" or "token" (<c>SSL Password</c> among them).
    /// </summary>
    public static bool IsSecretKey(string key)
    {
        var name = new string(key.Where(c => !char.IsWhiteSpace(c) && c is not '-' and not '_').ToArray())
            .ToLowerInvariant();
        return name is "pwd" or "psw" or "passfile" or "sslkey" or "clientcertificatekey"
            || SecretWords.Any(word => name.Contains(word, StringComparison.Ordinal));
    }

    private static readonly string[] SecretWords = ["password", "passwd", "secret", "token"];

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }
}
