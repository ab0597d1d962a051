namespace Orchestrator.Telemetry.Tests;

/// <summary>
/// A real Prometheus scrapes a silo while a sweep runs on it; every PromQL expression of the dashboard, evaluated
/// by that Prometheus, must return data.
/// </summary>
[Collection(MeterCollection.Name)]
public sealed class PrometheusIntegrationTests
{
    /// <summary>Rate window for $__rate_interval: several 1 s scrapes, as Grafana would choose (4 × scrape interval).</summary>
    private const string RateInterval = "5s";

    private const string SweepName = "telemetry-it";

    private const int Seeds = 100;

    /// <summary>Cells of <see cref="Spec"/>: 2 optimizers × 2 spectra × 5 sizes × <see cref="Seeds"/> seeds.</summary>
    private const int SpecCells = 2 * 2 * 5 * Seeds;

    /// <summary>
    /// The quickstart grid with many seeds: thousands of small cells, so that the sweep outlasts the test (which
    /// stops it) and Prometheus sees the silo throughout.
    /// </summary>
    private static readonly string Spec = $$"""
        name: {{SweepName}}
        experiment: random-features
        grid:
          optimizer: [gd, natural-gradient]
          spectrum: [1.0, 1.5]
          size: [32, 64, 128, 256, 512]
          seed: [{{string.Join(", ", Enumerable.Range(0, Seeds))}}]
        settings:
          latent_dim: 2048
          steps: 200
          lr: auto
          data: population
        fit:
          baseline: gd
          bootstrap: 200
        """;

    [Fact]
    public async Task Every_dashboard_expression_returns_data_from_a_sweep_run_by_the_cli()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cli = await CliSweepProcess.StartAsync(Spec, ct);
        await using var prometheus = await PrometheusServer.StartAsync([cli.MetricsAddress], ct);

        // A random-features sweep fits no ranks and has no adaptive design: the rank and design panels' data is checked
        // with the in-process silo below. Its fits carry flags (few-sizes) until their series have three sizes, so the
        // flag panel has data from the start.
        var missing = await ExpressionsWithoutDataAsync(prometheus, ct,
            except: name => name == "orchestrator_fit_rank_beta" || name.StartsWith("orchestrator_design_", StringComparison.Ordinal));

        Assert.True(missing.Count == 0, $"no data for:\n{string.Join("\n", missing)}\n{prometheus.Log}\n{cli.Output}");
        // The five states partition the sweep's cells.
        var total = await prometheus.QueryValuesAsync($"sum(orchestrator_sweep_cells{{sweep=\"{SweepName}\"}})", ct);
        Assert.Equal(SpecCells, Assert.Single(total));
    }

    [Fact]
    public async Task Every_dashboard_expression_returns_data_from_an_in_process_silo()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MetricsHost.StartAsync(withSilo: true);
        using var feeding = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var feeder = new SweepFeed(host.Metrics, host.Grains).RunAsync(TimeSpan.FromMilliseconds(100), feeding.Token);
        try
        {
            await using var prometheus = await PrometheusServer.StartAsync([host.BaseAddress], ct);

            var missing = await ExpressionsWithoutDataAsync(prometheus, ct);

            Assert.True(missing.Count == 0, $"no data for:\n{string.Join("\n", missing)}\n{prometheus.Log}");
        }
        finally
        {
            await feeding.CancelAsync();
            await feeder;
        }
    }

    /// <summary>
    /// Polls until every dashboard expression has data (rates need two scrapes inside their window) or two minutes have
    /// passed; returns those still without data. A sweep runs its largest sizes first, so the fits' holdout errors and
    /// coefficient shifts, which need three sizes of a series, come near its end: the wait leaves room for a slow machine.
    /// </summary>
    private static async Task<IReadOnlySet<string>> ExpressionsWithoutDataAsync(PrometheusServer prometheus, CancellationToken ct, Func<string, bool>? except = null)
    {
        var missing = Dashboard.Load().Expressions()
            .Where(e => except is null || !PromQl.MetricNames(e).Any(except))
            .Select(e => PromQl.WithGrafanaVariables(e, RateInterval))
            .ToHashSet();
        Assert.NotEmpty(missing);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (missing.Count > 0 && DateTime.UtcNow < deadline)
        {
            foreach (var expression in missing.ToList())
            {
                if (await prometheus.QueryAsync(expression, ct) > 0)
                {
                    missing.Remove(expression);
                }
            }

            if (missing.Count > 0)
            {
                await Task.Delay(500, ct);
            }
        }

        return missing;
    }
}
