using Orchestrator.Grains;
using System.Diagnostics.Metrics;
using Orchestrator.Grains.Telemetry;

namespace Orchestrator.Telemetry.Tests;

[Collection(MeterCollection.Name)]
public sealed class OrchestratorMetricsTests
{
    [Fact]
    public void A_completed_cell_counts_once_with_its_labels_and_records_duration_and_work()
    {
        using var recorder = new MeasurementRecorder();
        recorder.Metrics.CellCompleted("adam", "silo-2", AttemptOutcome.Diverged, 0.25, 3e6);

        var completed = Assert.Single(recorder.Observe("orchestrator.cells.completed"));
        Assert.Equal(1, completed.Value);
        Assert.True(completed.Has(("optimizer", "adam"), ("silo", "silo-2"), ("outcome", "diverged")));
        Assert.Equal(3, completed.Tags.Count);

        var duration = Assert.Single(recorder.Observe("orchestrator.cell.duration"));
        Assert.Equal(0.25, duration.Value);
        Assert.Equal(new Dictionary<string, string> { ["optimizer"] = "adam" }, duration.Tags);

        var work = Assert.Single(recorder.Observe("orchestrator.kernel.floating_point_operations"));
        Assert.Equal(3e6, work.Value);
        Assert.True(work.Has(("silo", "silo-2"), ("optimizer", "adam")));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1.0)]
    public void Durations_and_work_that_are_not_finite_and_non_negative_are_left_out(double bad)
    {
        using var recorder = new MeasurementRecorder();
        recorder.Metrics.CellCompleted("sgd", "silo-1", AttemptOutcome.Failed, bad, bad);

        Assert.Single(recorder.Observe("orchestrator.cells.completed"));
        Assert.Empty(recorder.Observe("orchestrator.cell.duration"));
        Assert.Empty(recorder.Observe("orchestrator.kernel.floating_point_operations"));
    }

    [Fact]
    public void Labels_outside_their_bounded_sets_are_refused()
    {
        using var recorder = new MeasurementRecorder();
        var metrics = recorder.Metrics;

        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.CellCompleted("sgd", "silo-1", AttemptOutcome.Abandoned, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.CellRetried("NullReferenceException"));
        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.CellFailed("cell-0042"));
        Assert.Throws<ArgumentException>(() => metrics.SetSweepProgress("has space", 0, 0, 0, 0, 0, null));
        Assert.Throws<ArgumentException>(() => metrics.SetSweepProgress(new string('a', 65), 0, 0, 0, 0, 0, null));
        Assert.Throws<ArgumentException>(() => metrics.Fits.Publish("", FitResults.Analysis(FitResults.Series("sgd", 1, "power", 0.5))));
        Assert.Throws<ArgumentException>(() => metrics.CellCompleted(" ", "silo-1", AttemptOutcome.Succeeded, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.Fits.Publish("s", FitResults.Analysis(FitResults.Series("sgd", double.NaN, "power", 0.5))));
        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.SetSweepProgress("s", -1, 0, 0, 0, 0, null));

        Assert.Empty(recorder.Observe("orchestrator.cells.completed"));
        Assert.Empty(recorder.Observe("orchestrator.sweep.cells"));
    }

    [Fact]
    public void Retry_and_failure_series_exist_at_zero_for_every_reason_then_count_by_reason()
    {
        using var recorder = new MeasurementRecorder();
        var initial = recorder.Observe("orchestrator.cell.retries");
        Assert.Equal(FailureReasons.All.Order(), initial.Select(m => m.Tags["reason"]).Order());
        Assert.All(initial, m => Assert.Equal(0, m.Value));

        recorder.Metrics.CellRetried(FailureReasons.Storage);
        recorder.Metrics.CellFailed(FailureReasons.Kernel);
        recorder.Metrics.CellFailed(FailureReasons.Kernel);

        Assert.Equal(1, recorder.Observe("orchestrator.cell.retries").Where(m => m.Has(("reason", "storage"))).Sum(m => m.Value));
        Assert.Equal(2, recorder.Observe("orchestrator.cell.failures").Where(m => m.Has(("reason", "kernel"))).Sum(m => m.Value));
        Assert.Equal(0, recorder.Observe("orchestrator.cell.failures").Where(m => m.Has(("reason", "storage"))).Sum(m => m.Value));
    }

    [Fact]
    public void Sweep_progress_is_published_per_state_and_replaced_by_the_next_report()
    {
        using var recorder = new MeasurementRecorder();
        recorder.Metrics.SetSweepProgress("alpha-sweep", 5, 4, 3, 2, 1, 90);
        recorder.Metrics.SetSweepProgress("alpha-sweep", 4, 4, 4, 2, 1, 60.5);
        recorder.Metrics.SetSweepProgress("other_sweep", 1, 0, 0, 0, 0, null);

        var cells = recorder.Observe("orchestrator.sweep.cells");
        Assert.Equal(10, cells.Count);
        double Count(string sweep, string state) => cells.Single(m => m.Has(("sweep", sweep), ("state", state))).Value;
        Assert.Equal(4, Count("alpha-sweep", CellStates.Pending));
        Assert.Equal(4, Count("alpha-sweep", CellStates.Running));
        Assert.Equal(4, Count("alpha-sweep", CellStates.Done));
        Assert.Equal(2, Count("alpha-sweep", CellStates.Failed));
        Assert.Equal(1, Count("alpha-sweep", CellStates.Diverged));
        Assert.Equal(1, Count("other_sweep", CellStates.Pending));

        // A sweep without an estimate yet publishes no ETA rather than a made-up one.
        var eta = Assert.Single(recorder.Observe("orchestrator.sweep.eta"));
        Assert.Equal(60.5, eta.Value);
        Assert.True(eta.Has(("sweep", "alpha-sweep")));
    }

    [Fact]
    public void Removing_a_sweep_forgets_its_progress_and_fits_but_not_other_sweeps()
    {
        using var recorder = new MeasurementRecorder();
        recorder.Metrics.SetSweepProgress("gone", 1, 0, 0, 0, 0, 10);
        recorder.Metrics.SetSweepProgress("kept", 1, 0, 0, 0, 0, 20);
        recorder.Metrics.Fits.Publish("gone", FitResults.Analysis(FitResults.Series("sgd", 1.5, "power", 0.5, 0.4, 0.6)));
        recorder.Metrics.Fits.Publish("kept", FitResults.Analysis(FitResults.Series("sgd", 1.5, "power", 0.3, 0.2, 0.4)));

        recorder.Metrics.RemoveSweep("gone");

        Assert.All(recorder.Observe("orchestrator.sweep.cells"), m => Assert.Equal("kept", m.Tags["sweep"]));
        Assert.Equal("kept", Assert.Single(recorder.Observe("orchestrator.sweep.eta")).Tags["sweep"]);
        Assert.All(recorder.Observe("orchestrator.fit.alpha"), m => Assert.Equal("kept", m.Tags["sweep"]));
        Assert.Equal(3, recorder.Observe("orchestrator.fit.alpha").Count);
    }

    [Fact]
    public void Progress_and_fits_are_removed_separately_by_the_grains_that_publish_them()
    {
        using var recorder = new MeasurementRecorder();
        recorder.Metrics.SetSweepProgress("sw", 1, 0, 0, 0, 0, 10);
        recorder.Metrics.Fits.Publish("sw", FitResults.Analysis(FitResults.Series("sgd", 1.5, "power", 0.5, 0.4, 0.6)) with
        {
            RankFits = [FitResults.Rank("sgd", 1.5, "all", "effective", 0.7, 0.6, 0.8)],
        });

        recorder.Metrics.RemoveSweepProgress("sw");

        Assert.Empty(recorder.Observe("orchestrator.sweep.cells"));
        Assert.Empty(recorder.Observe("orchestrator.sweep.eta"));
        Assert.Equal(3, recorder.Observe("orchestrator.fit.alpha").Count);
        Assert.Equal(3, recorder.Observe("orchestrator.fit.rank_beta").Count);

        recorder.Metrics.SetSweepProgress("sw", 1, 0, 0, 0, 0, 10);
        recorder.Metrics.Fits.Remove("sw");

        Assert.Equal(5, recorder.Observe("orchestrator.sweep.cells").Count);
        Assert.Empty(recorder.Observe("orchestrator.fit.alpha"));
        Assert.Empty(recorder.Observe("orchestrator.fit.rank_beta"));
    }

    [Fact]
    public void Busy_kernel_slots_are_read_at_each_observation()
    {
        using var recorder = new MeasurementRecorder();
        var busy = 1;
        recorder.Metrics.SetKernelSlots("silo-a", () => busy, 4);

        Assert.Equal(1, Assert.Single(recorder.Observe("orchestrator.kernel.slots.busy")).Value);
        busy = 3;
        Assert.Equal(3, Assert.Single(recorder.Observe("orchestrator.kernel.slots.busy")).Value);
        var capacity = Assert.Single(recorder.Observe("orchestrator.kernel.slots.capacity"));
        Assert.Equal(4, capacity.Value);
        Assert.True(capacity.Has(("silo", "silo-a")));
    }

    [Fact]
    public void The_duration_histogram_advises_increasing_buckets_from_a_millisecond_to_an_hour()
    {
        var histogram = InstrumentCatalog.Collect().Instruments.OfType<Histogram<double>>().Single();
        var buckets = histogram.Advice!.HistogramBucketBoundaries!;

        Assert.Equal(OrchestratorMetrics.DurationBucketsSeconds, buckets);
        Assert.Equal(0.001, buckets[0]);
        Assert.Equal(3600, buckets[^1]);
        Assert.All(buckets.Zip(buckets.Skip(1)), pair => Assert.InRange(pair.Second / pair.First, 1.01, 2.5));
    }
}
