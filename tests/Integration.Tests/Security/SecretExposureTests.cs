using System.Diagnostics;
using System.Text;
using Npgsql;
using Orchestrator.Integration.Tests.Infrastructure;
using Orchestrator.Testing;
using Xunit;

namespace Orchestrator.Integration.Tests.Security;

/// <summary>
/// A database password never shows in what a silo or the CLI prints, nor in a silo's /metrics: neither when all goes
/// well nor when the database cannot be reached (where error messages are written).
/// </summary>
public sealed class SecretExposureTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    // Distinctive enough that no other text contains it by chance. The test server trusts local connections, so
    // any password is accepted and the happy path runs with it.
    private const string Password = "Pw7f3a9cQx2eSecretTok";

    private const string Spec = """
        name: secret-test
        experiment: random-features
        grid:
          optimizer: [gd]
          spectrum: [1.0]
          size: [8, 16]
          seed: [0, 1]
        settings:
          latent_dim: 16
          steps: 2
        """;

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task A_working_cluster_prints_and_serves_no_password()
    {
        var database = WithPassword(await server.CreateDatabaseAsync($"s{Guid.NewGuid():N}", TestContext.Current.CancellationToken));
        await using var silo = await SiloProcess.StartAsync(database);
        var cli = new CliProcess();
        var spec = cli.WriteFile("spec.yaml", Spec);

        var outputs = new List<string>();
        foreach (var args in new[]
                 {
                     new[] { "submit", spec }, ["status", "secret-test", "--format", "json"],
                     ["results", "secret-test", "--format", "json"], ["status", "no-such-sweep"],
                 })
        {
            var result = await cli.RunAsync([.. args, "--db", database]);
            outputs.Add(result.Stdout + result.Stderr);
        }

        var metrics = await Http.GetStringAsync($"http://127.0.0.1:{silo.MetricsPort}/metrics", TestContext.Current.CancellationToken);

        Assert.Contains("secret-test", outputs[1], StringComparison.Ordinal);
        Assert.Contains("orchestrator_", metrics, StringComparison.Ordinal);
        AssertNoPassword("CLI", string.Join('\n', outputs));
        AssertNoPassword("/metrics", metrics);
        AssertNoPassword("silo output", silo.Output);
    }

    [Fact]
    public async Task Unreachable_or_missing_databases_give_errors_without_the_password()
    {
        var unreachable = WithPassword(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Port = FreePorts.Take(), Timeout = 2 }.ConnectionString);
        var missing = WithPassword(server.ConnectionStringFor($"missing{Guid.NewGuid():N}"));
        var cli = new CliProcess();
        var spec = cli.WriteFile("spec.yaml", Spec);

        foreach (var database in new[] { unreachable, missing })
        {
            foreach (var args in new[] { new[] { "db", "init" }, ["status", "secret-test"], ["submit", spec] })
            {
                var result = await cli.RunAsync([.. args, "--db", database]);

                Assert.True(result.ExitCode != 0, $"{string.Join(' ', args)} succeeded on a bad database");
                Assert.False(string.IsNullOrWhiteSpace(result.Stderr), $"{string.Join(' ', args)}: no message");
                AssertNoPassword(string.Join(' ', args), result.Stdout + result.Stderr);
            }

            var silo = await RunSiloUntilExitAsync(database);
            Assert.False(string.IsNullOrWhiteSpace(silo), "the silo printed nothing");
            AssertNoPassword("silo on a bad database", silo);
        }
    }

    private static string WithPassword(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Password = Password }.ConnectionString;

    private static void AssertNoPassword(string where, string text)
    {
        Assert.True(!text.Contains(Password, StringComparison.Ordinal), $"{where} shows the password:\n{text}");
    }

    /// <summary>Runs a silo on a database it cannot use and returns everything it printed before it gave up.</summary>
    private static async Task<string> RunSiloUntilExitAsync(string database)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Orchestrator.Silo.dll"));
        start.Environment.Remove("ORCHESTRATOR_DB");
        // The connection string from the environment, as docs/security.md recommends: it keeps it out of ps.
        start.Environment["ORCHESTRATOR_DB"] = database;
        foreach (var arg in new[] { "--db-wait", "2", "--silo-port", FreePorts.Take().ToString(), "--gateway-port", FreePorts.Take().ToString(), "--metrics-port", FreePorts.Take().ToString() })
        {
            start.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"the silo kept running on a bad database:\n{output}");
        }

        Assert.NotEqual(0, process.ExitCode);
        lock (output)
        {
            return output.ToString();
        }
    }
}
