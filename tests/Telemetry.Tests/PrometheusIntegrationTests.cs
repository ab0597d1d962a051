namespace Orchestrator.Telemetry.Tests;

/// <summary>
/// A real Prometheus scrapes a silo while a sweep reports to it; every PromQL expression of the dashboard, evaluated
/// by that Prometheus, must return data.
/// </summary>
[Collection(MeterCollection.Name)]
public sealed class PrometheusIntegrationTests
{
    /// <summary>Rate window for $__rate_interval: several 1 s scrapes, as Grafana would choose (4 × scrape interval).</summary>
    private const string RateInterval = "5s";

    [Fact]
    public async Task Every_dashboard_expression_returns_data_from_a_live_silo()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MetricsHost.StartAsync(withSilo: true);
        using var feeding = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var feed = new SweepFeed(host.Metrics, host.Grains);
        var feeder = feed.RunAsync(TimeSpan.FromMilliseconds(100), feeding.Token);
        try
        {
            await using var prometheus = await PrometheusServer.StartAsync([host.BaseAddress], ct);
            var expressions = Dashboard.Load().Expressions()
                .Select(e => PromQl.WithGrafanaVariables(e, RateInterval))
                .Distinct()
                .ToList();
            Assert.NotEmpty(expressions);

            // Rates need two scrapes inside their window; poll until every expression has data or time runs out.
            var missing = expressions.ToHashSet();
            var deadline = DateTime.UtcNow.AddSeconds(60);
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

            Assert.True(missing.Count == 0,
                $"no data for:\n{string.Join("\n", missing)}\nup = {await prometheus.QueryAsync("up == 1", ct)}\n{prometheus.Log}");
        }
        finally
        {
            await feeding.CancelAsync();
            await feeder;
        }
    }
}
