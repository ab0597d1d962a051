using Orchestrator.Grains;
using System.Net;
using Orchestrator.Grains.Telemetry;
using Orchestrator.Hosting.Telemetry;
using Orchestrator.Numerics.Fitting;
using Orchestrator.Testing;

namespace Orchestrator.Telemetry.Tests;

/// <summary>Values recorded through <see cref="OrchestratorMetrics"/> appear on the silo's real /metrics endpoint.</summary>
[Collection(MeterCollection.Name)]
public sealed class ScrapeTests
{
    [Fact]
    public async Task Recorded_values_show_up_on_a_scrape_under_their_Prometheus_names()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MetricsHost.StartAsync(withSilo: false);
        var metrics = host.Metrics;
        metrics.CellCompleted("sgd", "silo-1", AttemptOutcome.Succeeded, 0.02, 4e9);
        metrics.CellCompleted("sgd", "silo-1", AttemptOutcome.Succeeded, 30, 6e9);
        metrics.CellCompleted("adam", "silo-2", AttemptOutcome.Diverged, 2, 1e9);
        metrics.CellRetried(OrchestratorMetrics.ReasonClass(new TimeoutException()));
        metrics.CellFailed(OrchestratorMetrics.ReasonClass(new IOException()));
        metrics.SetSweepProgress("quickstart", 6, 2, 10, 1, 1, 42.5);
        metrics.Fits.Publish("quickstart", FitResults.Analysis(FitResults.Series("sgd", 1.5, "power", 0.48, 0.45, 0.51)));
        var busy = 2;
        metrics.SetKernelSlots("silo-1", () => busy, 3);

        var scrape = await host.ScrapeAsync(ct);

        Assert.Equal(2, scrape.Value("orchestrator_cells_completed_total", ("optimizer", "sgd"), ("silo", "silo-1"), ("outcome", "succeeded")));
        Assert.Equal(1, scrape.Value("orchestrator_cells_completed_total", ("optimizer", "adam"), ("outcome", "diverged")));
        Assert.Equal(2, scrape.Value("orchestrator_cell_duration_seconds_count", ("optimizer", "sgd")));
        Assert.Equal(30.02, scrape.Value("orchestrator_cell_duration_seconds_sum", ("optimizer", "sgd")), 1e-9);
        // Cumulative buckets: 0.02 s falls at or below 0.025, 30 s at or below 50.
        Assert.Equal(0, scrape.Value("orchestrator_cell_duration_seconds_bucket", ("optimizer", "sgd"), ("le", "0.01")));
        Assert.Equal(1, scrape.Value("orchestrator_cell_duration_seconds_bucket", ("optimizer", "sgd"), ("le", "0.025")));
        Assert.Equal(1, scrape.Value("orchestrator_cell_duration_seconds_bucket", ("optimizer", "sgd"), ("le", "25")));
        Assert.Equal(2, scrape.Value("orchestrator_cell_duration_seconds_bucket", ("optimizer", "sgd"), ("le", "50")));
        Assert.Equal(2, scrape.Value("orchestrator_cell_duration_seconds_bucket", ("optimizer", "sgd"), ("le", "+Inf")));
        Assert.Equal(1e10, scrape.Value("orchestrator_kernel_floating_point_operations_total", ("silo", "silo-1"), ("optimizer", "sgd")));
        Assert.Equal(1, scrape.Value("orchestrator_cell_retries_total", ("reason", "timeout")));
        Assert.Equal(0, scrape.Value("orchestrator_cell_retries_total", ("reason", "kernel")));
        Assert.Equal(1, scrape.Value("orchestrator_cell_failures_total", ("reason", "storage")));
        Assert.Equal(10, scrape.Value("orchestrator_sweep_cells", ("sweep", "quickstart"), ("state", "done")));
        Assert.Equal(6, scrape.Value("orchestrator_sweep_cells", ("sweep", "quickstart"), ("state", "pending")));
        Assert.Equal(42.5, scrape.Value("orchestrator_sweep_eta_seconds", ("sweep", "quickstart")));
        Assert.Equal(0.45, scrape.Value("orchestrator_fit_alpha", ("sweep", "quickstart"), ("spectrum", "1.5"), ("law", "power"), ("bound", "low")));
        Assert.Equal(2, scrape.Value("orchestrator_kernel_slots_busy", ("silo", "silo-1")));
        Assert.Equal(3, scrape.Value("orchestrator_kernel_slots_capacity", ("silo", "silo-1")));

        busy = 0;
        metrics.CellCompleted("sgd", "silo-1", AttemptOutcome.Succeeded, 1, 1);
        var next = await host.ScrapeAsync(ct);
        Assert.Equal(0, next.Value("orchestrator_kernel_slots_busy", ("silo", "silo-1")));
        Assert.Equal(3, next.Value("orchestrator_cells_completed_total", ("optimizer", "sgd"), ("outcome", "succeeded")));
    }

    [Fact]
    public async Task A_fits_figures_are_scraped_with_their_labels_and_a_flag_goes_when_a_refit_drops_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MetricsHost.StartAsync(withSilo: false);
        var fits = host.Metrics.Fits;
        var fit = FitResults.Series("adam", 1.5, LawNames.Saturating, 0.48, 0.45, 0.51) with
        {
            E = 0.2, ECiLow = 0.15, ECiHigh = 0.25, A = 4, HoldoutLogError = 0.031,
            Flags = [FitFlags.DoesNotExtrapolate, FitFlags.NotSettled],
        };
        var shift = FitResults.Shift("adam", "sgd", 1.5, LawNames.Saturating) with { ARatio = 0.8, EShiftCiLow = -0.01 };
        fits.Publish("quickstart", FitResults.Analysis(fit) with { CoefficientShifts = [shift] });

        var scrape = await host.ScrapeAsync(ct);

        (string, string)[] series = [("sweep", "quickstart"), ("optimizer", "adam"), ("spectrum", "1.5"), ("law", "saturating")];
        Assert.Equal(0.15, scrape.Value("orchestrator_fit_coefficient", [.. series, ("coefficient", "E"), ("bound", "low")]));
        Assert.Equal(4, scrape.Value("orchestrator_fit_coefficient", [.. series, ("coefficient", "A"), ("bound", "estimate")]));
        Assert.Equal(0.031, scrape.Value("orchestrator_fit_holdout_log_error", series));
        Assert.Equal(1, scrape.Value("orchestrator_fit_flag", [.. series, ("flag", "does-not-extrapolate")]));
        Assert.Equal(1, scrape.Value("orchestrator_fit_flag", [.. series, ("flag", "not-settled")]));
        (string, string)[] shiftSeries = [("sweep", "quickstart"), ("optimizer", "adam"), ("baseline", "sgd"), ("spectrum", "1.5"), ("law", "saturating"), ("verdict", "shared")];
        Assert.Equal(0.8, scrape.Value("orchestrator_fit_coefficient_shift", [.. shiftSeries, ("quantity", "A_ratio"), ("bound", "estimate")]));
        Assert.Equal(-0.01, scrape.Value("orchestrator_fit_coefficient_shift", [.. shiftSeries, ("quantity", "E_shift"), ("bound", "low")]));

        fits.Publish("quickstart", FitResults.Analysis(fit with { Flags = [FitFlags.NotSettled] }));
        var refitted = await host.ScrapeAsync(ct);

        Assert.Equal("not-settled", Assert.Single(refitted.Named("orchestrator_fit_flag")).Labels["flag"]);
        Assert.Empty(refitted.Named("orchestrator_fit_coefficient_shift"));
        Assert.Equal(0.031, refitted.Value("orchestrator_fit_holdout_log_error", series));

        fits.Remove("quickstart");
        var removed = await host.ScrapeAsync(ct);

        Assert.DoesNotContain(removed.Samples, sample => sample.Name.StartsWith("orchestrator_fit_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_adaptive_sweeps_design_is_scraped_per_series_and_per_sweep_and_goes_when_removed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MetricsHost.StartAsync(withSilo: false);
        host.Metrics.SetDesignProgress("adapt", DesignProgresses.Running());

        var scrape = await host.ScrapeAsync(ct);

        (string, string)[] series = [("sweep", "adapt"), ("optimizer", "natural-gradient"), ("spectrum", "1.5")];
        Assert.Equal(0.734, scrape.Value("orchestrator_design_alpha", series));
        Assert.Equal(0.041, scrape.Value("orchestrator_design_interval_width", series));
        Assert.Equal(0.02, scrape.Value("orchestrator_design_target_width", series));
        Assert.Equal(4, scrape.Value("orchestrator_design_units", [.. series, ("state", "queued")]));
        Assert.Equal(11, scrape.Value("orchestrator_design_units", [.. series, ("state", "finished")]));
        Assert.Equal(812.5, scrape.Value("orchestrator_design_core_seconds", ("sweep", "adapt"), ("kind", "spent")));
        Assert.Equal(950.25, scrape.Value("orchestrator_design_core_seconds", ("sweep", "adapt"), ("kind", "committed")));
        Assert.Equal(3600, scrape.Value("orchestrator_design_core_seconds", ("sweep", "adapt"), ("kind", "budget")));
        Assert.Equal(45, scrape.Value("orchestrator_design_cells", ("sweep", "adapt"), ("kind", "chosen")));
        Assert.Equal(12, scrape.Value("orchestrator_design_decisions", ("sweep", "adapt")));
        Assert.Empty(scrape.Named("orchestrator_design_stopped"));

        host.Metrics.SetDesignProgress("adapt", DesignProgresses.Running("CandidatesExhausted"));
        var stopped = await host.ScrapeAsync(ct);
        Assert.Equal(1, stopped.Value("orchestrator_design_stopped", ("sweep", "adapt"), ("reason", "candidates-exhausted")));

        host.Metrics.RemoveDesign("adapt");
        var removed = await host.ScrapeAsync(ct);
        Assert.DoesNotContain(removed.Samples, sample => sample.Name.StartsWith("orchestrator_design_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_instrument_is_exported_under_the_name_and_type_the_naming_rules_give()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MetricsHost.StartAsync(withSilo: false);
        InstrumentCatalog.Exercise(host.Metrics);
        var scrape = await host.ScrapeAsync(ct);

        var catalog = InstrumentCatalog.Collect();
        Assert.NotEmpty(catalog.Instruments);
        foreach (var instrument in catalog.Instruments)
        {
            var family = PrometheusNaming.FamilyName(instrument);
            // The text format names a counter's family without _total in its TYPE line only in OpenMetrics; 0.0.4 keeps it.
            Assert.True(scrape.Types.TryGetValue(family, out var type), $"{instrument.Name} → {family} is not on the scrape");
            Assert.Equal(PrometheusNaming.TypeOf(instrument), type);
            foreach (var series in PrometheusNaming.SeriesNames(instrument))
            {
                Assert.NotEmpty(scrape.Named(series));
            }
        }
    }

    [Fact]
    public async Task A_silo_publishes_its_kernel_slots_and_Orleans_metrics_from_the_start()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MetricsHost.StartAsync(withSilo: true);
        await host.Grains.GetGrain<IProbeGrain>(1).IncrementAsync();

        var scrape = await host.ScrapeAsync(ct);

        Assert.Equal(MetricsHost.SiloKernelSlots, scrape.Value("orchestrator_kernel_slots_capacity", ("silo", host.SiloName)));
        Assert.Equal(0, scrape.Value("orchestrator_kernel_slots_busy", ("silo", host.SiloName)));
        Assert.Equal(0, scrape.Value("orchestrator_cell_failures_total", ("reason", "other")));
        Assert.Equal(1, scrape.Value("orleans_grains", ("grain_type", "probe")));
        Assert.Equal(1, scrape.Value("orleans_storage_write_latency_milliseconds_count", ("state_name", "probe")));
    }

    [Fact]
    public async Task Health_endpoint_answers_ok_while_the_host_runs()
    {
        await using var host = await MetricsHost.StartAsync(withSilo: false);

        var response = await host.Http.GetAsync(TelemetryEndpointExtensions.HealthPath, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
