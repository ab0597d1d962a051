using System.Diagnostics;
using Npgsql;
using Xunit;

namespace Orchestrator.Integration.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL server for one test class: <c>initdb</c> into a throw-away directory, listening on a free
/// loopback port only (its unix socket inside that directory), trusting local connections, with one database
/// <see cref="DatabaseName"/>. Everything is removed on dispose, or by a watchdog process when the test process dies
/// without disposing. Durability is switched off (fsync, synchronous commit):
/// the tests exercise the SQL and the providers, not crash recovery of the disk.
/// </summary>
/// <remarks>
/// initdb refuses to run as root, so as root (CI) the server runs as the <c>postgres</c> OS user and the directory is
/// handed to it; otherwise it runs as the current user. The binaries are looked up in
/// <c>ORCHESTRATOR_PG_BIN</c>, then the newest /usr/lib/postgresql/*/bin; as root, a missing PostgreSQL is installed
/// with apt.
/// </remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>The database every connection string of this server names.</summary>
    public const string DatabaseName = "orchestrator";

    private const string ServerUser = "postgres";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"orchestrator-pg-{Guid.NewGuid():N}");
    private string _binDirectory = "";
    private bool _initialized;
    private Process? _watchdog;

    /// <summary>The loopback TCP port the server listens on; stable across <see cref="RestartAsync"/>.</summary>
    public int Port { get; private set; }

    /// <summary>Connection string for <see cref="DatabaseName"/> (trust authentication, no password).</summary>
    public string ConnectionString => ConnectionStringFor(DatabaseName);

    /// <summary>Whether the server process is running (as far as this fixture started and stopped it).</summary>
    public bool IsRunning { get; private set; }

    private static bool RunningAsRoot => Environment.IsPrivilegedProcess;

    private string DataDirectory => Path.Combine(_directory, "data");

    private string LogFile => Path.Combine(_directory, "server.log");

    public async ValueTask InitializeAsync()
    {
        _binDirectory = await FindOrInstallBinariesAsync();
        Directory.CreateDirectory(_directory);
        if (RunningAsRoot)
        {
            await RunAsync("chown", [$"{ServerUser}:{ServerUser}", _directory]);
        }

        _initialized = true;
        await RunServerToolAsync("initdb", ["-D", DataDirectory, "-U", ServerUser, "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
        Port = FreePorts.Take();
        StartWatchdog();
        await StartAsync();

        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Connection string for another database of this server (see <see cref="CreateDatabaseAsync"/>).</summary>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = ServerUser,
        Timeout = 5,
        CommandTimeout = 15,
    }.ConnectionString;

    /// <summary>Creates a fresh, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string database, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await command.ExecuteNonQueryAsync(ct);
        return ConnectionStringFor(database);
    }

    /// <summary>
    /// How many sessions are open on <paramref name="connectionString"/>'s database, counting the one that asks
    /// (it goes back to the same client pool).
    /// </summary>
    public static async Task<int> CountSessionsAsync(string connectionString, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Starts the (stopped) server on the same port and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        await RunServerToolAsync("pg_ctl",
        [
            "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60",
            "-o", $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            "start",
        ]);
        IsRunning = true;
    }

    /// <summary>
    /// Stops the server the way an operator's fast shutdown does: open sessions are terminated, clients see their
    /// connections drop, and new connections are refused until <see cref="StartAsync"/>.
    /// </summary>
    public async Task StopAsync()
    {
        await RunServerToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"]);
        IsRunning = false;
    }

    /// <summary>Stops and starts the server again on the same port with the same data.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        StopWatchdog();
        if (IsRunning)
        {
            try
            {
                await RunServerToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Already gone; the directory is removed below either way.
            }

            IsRunning = false;
        }

        if (_initialized && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>
    /// Starts a small shell process that waits for this test process to end and then stops the server and removes
    /// its directory. A cancelled or killed test run skips fixture disposal; the server must not outlive it.
    /// </summary>
    private void StartWatchdog()
    {
        const string script =
            "pid=$1; dir=$2; shift 2; exec >/dev/null 2>&1 </dev/null; " +
            "while kill -0 \"$pid\"; do sleep 1; done; \"$@\"; rm -rf \"$dir\"";
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        string[] stop = [Path.Combine(_binDirectory, "pg_ctl"), "-D", DataDirectory, "-m", "immediate", "stop"];
        IEnumerable<string> arguments = ["-c", script, "pg-watchdog", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), _directory,
            .. RunningAsRoot ? ["runuser", "-u", ServerUser, "--", .. stop] : stop];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _watchdog = Process.Start(start);
    }

    private void StopWatchdog()
    {
        if (_watchdog is { HasExited: false })
        {
            _watchdog.Kill();
        }

        _watchdog?.Dispose();
        _watchdog = null;
    }

    private Task RunServerToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var executable = Path.Combine(_binDirectory, tool);
        return RunningAsRoot
            ? RunAsync("runuser", ["-u", ServerUser, "--", executable, .. arguments])
            : RunAsync(executable, arguments);
    }

    private static async Task<string> FindOrInstallBinariesAsync()
    {
        if (FindBinaries() is { } found)
        {
            return found;
        }

        if (!RunningAsRoot)
        {
            throw new InvalidOperationException(
                "PostgreSQL server binaries were not found (set ORCHESTRATOR_PG_BIN or run `apt-get install -y postgresql`).");
        }

        await RunAsync("apt-get", ["update", "-qq"]);
        await RunAsync("apt-get", ["install", "-y", "-qq", "postgresql"], ("DEBIAN_FRONTEND", "noninteractive"));
        return FindBinaries() ?? throw new InvalidOperationException("apt-get installed postgresql, but no initdb was found.");
    }

    private static string? FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("ORCHESTRATOR_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        }

        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(dir => (Version: int.TryParse(Path.GetFileName(dir), out var v) ? v : -1, Bin: Path.Combine(dir, "bin")))
            .Where(c => c.Version >= 0 && File.Exists(Path.Combine(c.Bin, "initdb")))
            .OrderByDescending(c => c.Version)
            .Select(c => c.Bin)
            .FirstOrDefault();
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}
