using Orchestrator.Grains;
using Orchestrator.Grains.Telemetry;
using Orchestrator.Testing;

namespace Orchestrator.Telemetry.Tests;

[Collection(MeterCollection.Name)]
public sealed class DesignGaugesTests
{
    private static readonly string[] Gauges =
    [
        "orchestrator.design.alpha", "orchestrator.design.interval_width", "orchestrator.design.target_width", "orchestrator.design.units",
        "orchestrator.design.core_seconds", "orchestrator.design.cells", "orchestrator.design.decisions", "orchestrator.design.stopped",
    ];

    private static readonly (string, string)[] NaturalGradient = [("sweep", "adapt"), ("optimizer", "natural-gradient"), ("spectrum", "1.5")];

    [Fact]
    public void Each_series_publishes_alpha_width_target_and_its_units_with_its_labels()
    {
        using var recorder = new MeasurementRecorder();
        recorder.Metrics.SetDesignProgress("adapt", DesignProgresses.Running());

        double Value(string gauge, params (string, string)[] labels) =>
            recorder.Observe(gauge).Single(m => m.Has(labels)).Value;
        Assert.Equal(0.734, Value("orchestrator.design.alpha", NaturalGradient));
        Assert.Equal(0.041, Value("orchestrator.design.interval_width", NaturalGradient));
        Assert.Equal(0.02, Value("orchestrator.design.target_width", NaturalGradient));
        Assert.Equal(11, Value("orchestrator.design.units", [.. NaturalGradient, ("state", "finished")]));
        Assert.Equal(4, Value("orchestrator.design.units", [.. NaturalGradient, ("state", "queued")]));
        Assert.All(recorder.Observe("orchestrator.design.interval_width"), m => Assert.Equal(3, m.Tags.Count));
        Assert.All(recorder.Observe("orchestrator.design.units"), m => Assert.Equal(4, m.Tags.Count));

        // A series that cannot be fitted yet has no α and no width, but its target and units.
        Assert.Equal(["gd", "natural-gradient"], recorder.Observe("orchestrator.design.alpha").Select(m => m.Tags["optimizer"]).Order());
        Assert.Equal(["gd", "natural-gradient"], recorder.Observe("orchestrator.design.interval_width").Select(m => m.Tags["optimizer"]).Order());
        Assert.Equal(3, recorder.Observe("orchestrator.design.target_width").Count);
        Assert.Equal(6, recorder.Observe("orchestrator.design.units").Count);
    }

    [Fact]
    public void The_sweep_publishes_its_spend_against_its_budgets_and_its_decisions()
    {
        using var recorder = new MeasurementRecorder();
        recorder.Metrics.SetDesignProgress("adapt", DesignProgresses.Running());

        var seconds = recorder.Observe("orchestrator.design.core_seconds");
        Assert.Equal(["budget=3600", "committed=950.25", "spent=812.5"], seconds.Select(m => $"{m.Tags["kind"]}={m.Value}").Order(StringComparer.Ordinal));
        Assert.All(seconds, m => Assert.Equal("adapt", m.Tags["sweep"]));
        Assert.Equal(["budget=500", "chosen=45"], recorder.Observe("orchestrator.design.cells").Select(m => $"{m.Tags["kind"]}={m.Value}").Order(StringComparer.Ordinal));
        Assert.Equal(12, Assert.Single(recorder.Observe("orchestrator.design.decisions")).Value);
        Assert.Empty(recorder.Observe("orchestrator.design.stopped"));
    }

    [Fact]
    public void A_sweep_without_budgets_or_target_publishes_none_and_a_stop_is_labelled_by_its_reason()
    {
        using var recorder = new MeasurementRecorder();
        recorder.Metrics.SetDesignProgress("adapt", DesignProgresses.Running("BudgetSpent") with { TargetWidth = null, BudgetSeconds = null, BudgetCells = null });

        Assert.Empty(recorder.Observe("orchestrator.design.target_width"));
        Assert.Equal(["committed", "spent"], recorder.Observe("orchestrator.design.core_seconds").Select(m => m.Tags["kind"]).Order());
        Assert.Equal("chosen", Assert.Single(recorder.Observe("orchestrator.design.cells")).Tags["kind"]);
        var stopped = Assert.Single(recorder.Observe("orchestrator.design.stopped"));
        Assert.Equal(1, stopped.Value);
        Assert.True(stopped.Has(("sweep", "adapt"), ("reason", "budget-spent")));
    }

    [Fact]
    public void The_next_report_replaces_the_last_and_removing_a_design_leaves_other_sweeps()
    {
        using var recorder = new MeasurementRecorder();
        var metrics = recorder.Metrics;
        metrics.SetDesignProgress("gone", DesignProgresses.Running("BudgetSpent"));
        metrics.SetDesignProgress("kept", DesignProgresses.Running());
        metrics.SetDesignProgress("kept", DesignProgresses.Running("TargetMet") with { Series = [DesignProgresses.Running().Series[0]] });
        Assert.All(Gauges, gauge => Assert.Contains(recorder.Observe(gauge), m => m.Tags["sweep"] == "gone"));

        metrics.RemoveDesign("gone");

        Assert.All(Gauges, gauge =>
        {
            var measurements = recorder.Observe(gauge);
            Assert.NotEmpty(measurements);
            Assert.All(measurements, m => Assert.Equal("kept", m.Tags["sweep"]));
        });
        Assert.All(recorder.Observe("orchestrator.design.units"), m => Assert.Equal("gd", m.Tags["optimizer"]));
        Assert.Equal("target-met", Assert.Single(recorder.Observe("orchestrator.design.stopped")).Tags["reason"]);

        metrics.RemoveSweep("kept");
        Assert.All(Gauges, gauge => Assert.Empty(recorder.Observe(gauge)));
    }

    [Fact]
    public void A_report_with_a_label_or_count_out_of_bounds_is_refused_and_the_previous_one_stays()
    {
        using var recorder = new MeasurementRecorder();
        var metrics = recorder.Metrics;
        var progress = DesignProgresses.Running();
        metrics.SetDesignProgress("adapt", progress);
        SeriesDesignProgress[] Series(SeriesDesignProgress first) => [first, .. progress.Series.Skip(1)];

        Assert.Throws<ArgumentException>(() => metrics.SetDesignProgress("has space", progress));
        Assert.Throws<ArgumentException>(() => metrics.SetDesignProgress("adapt", progress with { Series = Series(progress.Series[0] with { Optimizer = " " }) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.SetDesignProgress("adapt", progress with { Series = Series(progress.Series[0] with { Spectrum = double.NaN }) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.SetDesignProgress("adapt", progress with { Series = Series(progress.Series[0] with { UnitsQueued = -1 }) }));
        Assert.Throws<ArgumentException>(() => metrics.SetDesignProgress("adapt", progress with { Series = [.. progress.Series, progress.Series[0]] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.SetDesignProgress("adapt", progress with { Stop = "cell-0042" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.SetDesignProgress("adapt", progress with { CellsChosen = -1 }));

        Assert.Equal(45, Assert.Single(recorder.Observe("orchestrator.design.cells"), m => m.Tags["kind"] == "chosen").Value);
        Assert.Empty(recorder.Observe("orchestrator.design.stopped"));
        Assert.Equal(3, recorder.Observe("orchestrator.design.target_width").Count);
    }

    [Fact]
    public void Stop_labels_are_the_stops_in_words_and_nothing_else()
    {
        Assert.Equal(["target-met", "budget-spent", "candidates-exhausted"], DesignLabels.Stops);
        Assert.Equal("target-met", DesignLabels.Stop("TargetMet"));
        Assert.Equal("target-met", DesignLabels.Stop("target-met"));
        Assert.Null(DesignLabels.Stop("Cancelled"));
        Assert.Equal(["uncertainty", "full-grid", "random"], new[] { "Uncertainty", "FullGrid", "RandomOrder" }.Select(DesignLabels.Policy));
        Assert.Equal("full-grid", DesignLabels.Policy("full-grid"));
    }
}
