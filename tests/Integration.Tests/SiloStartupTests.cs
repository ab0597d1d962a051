using System.Diagnostics;
using System.Text;
using Orchestrator.Hosting.Storage;
using Orchestrator.Integration.Tests.Infrastructure;
using Orchestrator.Testing;
using Xunit;

namespace Orchestrator.Integration.Tests;

/// <summary>
/// A silo (re)started while its database is down, as a supervisor restarts one during a database restart: it waits
/// for the database up to <c>--db-wait</c> seconds and then joins; past that, it exits with a message, never a crash.
/// </summary>
public sealed class SiloStartupTests(PostgresServer server) : IClassFixture<PostgresServer>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await PostgresDatabase.InitializeAsync(server.ConnectionString, Ct);

    public async ValueTask DisposeAsync()
    {
        if (!server.IsRunning)
        {
            await server.StartAsync();
        }
    }

    [Fact]
    public async Task A_silo_started_while_its_database_is_down_joins_once_it_is_back()
    {
        await server.StopAsync();
        var starting = SiloProcess.StartAsync(server.ConnectionString);
        await Task.Delay(TimeSpan.FromSeconds(4), Ct);
        await server.StartAsync();
        // This process's pooled connections died with the server.
        Npgsql.NpgsqlConnection.ClearAllPools();

        await using var silo = await starting;

        Assert.Contains("waiting for the database", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_whose_database_stays_down_exits_with_a_message_after_its_wait()
    {
        var unreachable = new Npgsql.NpgsqlConnectionStringBuilder(server.ConnectionString) { Port = FreePorts.Take(), Timeout = 1 };
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Orchestrator.Silo.dll"), "--db", unreachable.ConnectionString, "--db-wait", "3",
            "--silo-port", FreePorts.Take().ToString(), "--gateway-port", FreePorts.Take().ToString(),
        })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("ORCHESTRATOR_DB");
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        var text = output.ToString();
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("error: the database stayed unreachable for 3 s (--db-wait)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", text, StringComparison.Ordinal);
    }
}
