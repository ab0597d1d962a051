using Xunit;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Grains;
using Orchestrator.Hosting.Storage;
using Orleans.Configuration;
using Orchestrator.Integration.Tests.Infrastructure;
using Orchestrator.Testing;

namespace Orchestrator.Integration.Tests.Cluster;

/// <summary>
/// One private PostgreSQL server for the cluster tests, a fresh database per test, the CLI in cluster mode, and the
/// reference results of an uninterrupted run of the test spec (computed once, on the embedded default).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>24 cells of about a second each: long enough to interrupt, short enough for CI.</summary>
    public const string Spec = """
        name: cluster-test
        experiment: random-features
        grid:
          optimizer: [gd, natural-gradient]
          spectrum: [1.0]
          size: [256, 512, 1024]
          seed: [0, 1, 2, 3]
        settings:
          latent_dim: 2048
          steps: 100
          lr: auto
        fit:
          bootstrap: 200
        """;

    private Task<IReadOnlyDictionary<string, double>>? _reference;

    public PostgresServer Postgres { get; } = new();

    public CliProcess Cli { get; } = new();

    public string SpecPath => Cli.Path("spec.yaml");

    public async ValueTask InitializeAsync()
    {
        Cli.WriteFile("spec.yaml", Spec);
        await Postgres.InitializeAsync();
    }

    public async ValueTask DisposeAsync() => await Postgres.DisposeAsync();

    public Task<string> NewDatabaseAsync() => Postgres.CreateDatabaseAsync($"t{Guid.NewGuid():N}");

    /// <summary>Final losses, by cell id, of the same spec run without interruption on the embedded default.</summary>
    public Task<IReadOnlyDictionary<string, double>> ReferenceAsync() => _reference ??= RunReferenceAsync();

    private async Task<IReadOnlyDictionary<string, double>> RunReferenceAsync()
    {
        var run = await Cli.RunAsync("run", SpecPath, "--data", "reference", "--out", "reference-out");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var cells = JsonNode.Parse(File.ReadAllText(Cli.Path("reference-out/results.json")))!["cells"]!.AsArray();
        return cells.ToDictionary(c => (string)c!["id"]!, c => (double)c!["final_loss"]!);
    }

    public async Task<CliResult> CliAsync(string database, params string[] args) =>
        await Cli.RunAsync([.. args, "--db", database]);

    /// <summary>
    /// Polls the sweep's status through one Orleans client in this process (a CLI process per poll would be slow),
    /// until <paramref name="until"/> holds.
    /// </summary>
    public async Task<SweepStatus> WaitAsync(string database, Func<SweepStatus, bool> until, TimeSpan? timeout = null, string sweepName = "cluster-test")
    {
        PostgresDatabase.RegisterDriver();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(c => c.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresDatabase.Invariant;
            o.ConnectionString = database;
        }).Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("orchestrator", "orchestrator")));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var sweep = host.Services.GetRequiredService<IClusterClient>().GetGrain<ISweepGrain>(sweepName);
            var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(4));
            while (true)
            {
                var status = await StatusOrNullAsync(sweep);
                if (status is not null && until(status))
                {
                    return status;
                }

                Assert.True(DateTime.UtcNow < deadline, $"timed out; last status {status}");
                await Task.Delay(250);
            }
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<SweepStatus?> StatusOrNullAsync(ISweepGrain sweep)
    {
        try
        {
            return await sweep.GetStatusAsync();
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException or SiloUnavailableException)
        {
            // Silos are being killed and restarted on purpose: ask again.
            return null;
        }
    }

    public static bool Finished(SweepStatus status) => status.IsFinished;

    public async Task<JsonArray> CellsAsync(string database, string sweepName = "cluster-test")
    {
        var results = await CliAsync(database, "results", sweepName, "--format", "json");
        Assert.True(results.ExitCode == 0, results.Stdout + results.Stderr);
        return JsonNode.Parse(results.Stdout)!["cells"]!.AsArray();
    }

    /// <summary>Every cell finished with exactly one successful attempt, and its loss equals the uninterrupted run's.</summary>
    public async Task AssertMatchesReferenceAsync(JsonArray cells)
    {
        var reference = await ReferenceAsync();
        Assert.Equal(reference.Count, cells.Count);
        foreach (var cell in cells)
        {
            var id = (string)cell!["id"]!;
            Assert.Equal("succeeded", (string)cell["status"]!);
            Assert.Equal(reference[id], (double)cell["final_loss"]!);
            Assert.Single(Outcomes(cell), o => o == "succeeded");
        }
    }

    public static IReadOnlyList<string> Outcomes(JsonNode cell) =>
        cell["attempt_outcomes"]!.AsArray().Select(o => (string)o!).ToList();
}
