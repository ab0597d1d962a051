using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using static Orchestrator.Grains.Telemetry.MetricLabels;

namespace Orchestrator.Grains.Telemetry;

/// <summary>
/// The gauges of adaptive sweeps (<c>orchestrator.design.*</c>), owned by <see cref="OrchestratorMetrics"/>: per series
/// the power-law α, its interval's width and the target, and the units finished and queued; per sweep the
/// core-seconds spent and committed against the budget, the cells chosen, the decisions, and why it stopped choosing.
/// A sweep's figures are one snapshot replaced whole by each report; values that are not finite are not published.
/// </summary>
internal sealed class DesignGauges
{
    private readonly ConcurrentDictionary<string, DesignFigures> _sweeps = new(StringComparer.Ordinal);

    public DesignGauges(Meter meter)
    {
        meter.CreateObservableGauge(
            "orchestrator.design.alpha", ObserveAlpha, unit: null,
            "Power-law α of a series of an adaptive sweep, from the units finished when the policy last decided.");
        meter.CreateObservableGauge(
            "orchestrator.design.interval_width", ObserveWidth, unit: null,
            "Width (high − low) of the 95% t-interval of a series' power-law α, as the adaptive policy saw it.");
        meter.CreateObservableGauge(
            "orchestrator.design.target_width", ObserveTarget, unit: null,
            "The α interval width an adaptive sweep stops at when every series reaches it.");
        meter.CreateObservableGauge(
            "orchestrator.design.units", ObserveUnits, "{unit}",
            "Units (a series at one size and seed) of an adaptive sweep finished, and queued: chosen and not finished.");
        meter.CreateObservableGauge(
            "orchestrator.design.core_seconds", ObserveCoreSeconds, "s",
            "Kernel core-seconds of an adaptive sweep: spent on finished cells, committed (with running ones), and its budget.");
        meter.CreateObservableGauge(
            "orchestrator.design.cells", ObserveCells, "{cell}",
            "Cells an adaptive sweep's policy has chosen, and its budget of cells.");
        meter.CreateObservableGauge(
            "orchestrator.design.decisions", ObserveDecisions, "{decision}",
            "Decisions an adaptive sweep's policy has taken.");
        meter.CreateObservableGauge(
            "orchestrator.design.stopped", ObserveStopped, unit: null,
            "1, labelled with the reason, once an adaptive sweep's policy chooses no more cells.");
    }

    public void Set(string sweep, DesignProgress progress)
    {
        RequireSweep(sweep);
        _sweeps[sweep] = DesignFigures.Of(progress);
    }

    public void Remove(string sweep) => _sweeps.TryRemove(sweep, out _);

    public void Clear() => _sweeps.Clear();

    private IEnumerable<(KeyValuePair<string, object?>[] Labels, SeriesDesignProgress Series, DesignProgress Sweep)> Series() =>
        _sweeps.SelectMany(sweep => sweep.Value.Progress.Series.Select(series =>
            (DesignFigures.SeriesLabels(sweep.Key, series), series, sweep.Value.Progress)));

    private IEnumerable<Measurement<double>> ObserveAlpha() =>
        Series().Where(s => s.Series.Alpha is { } alpha && double.IsFinite(alpha))
            .Select(s => new Measurement<double>(s.Series.Alpha!.Value, s.Labels));

    private IEnumerable<Measurement<double>> ObserveWidth() =>
        Series().Where(s => s.Series.Width is { } width && double.IsFinite(width))
            .Select(s => new Measurement<double>(s.Series.Width!.Value, s.Labels));

    private IEnumerable<Measurement<double>> ObserveTarget() =>
        Series().Where(s => s.Sweep.TargetWidth is { } target && double.IsFinite(target))
            .Select(s => new Measurement<double>(s.Sweep.TargetWidth!.Value, s.Labels));

    private IEnumerable<Measurement<int>> ObserveUnits() =>
        Series().SelectMany(s => new[]
        {
            new Measurement<int>(s.Series.UnitsFinished, With(s.Labels, "state", "finished")),
            new Measurement<int>(s.Series.UnitsQueued, With(s.Labels, "state", "queued")),
        });

    private IEnumerable<Measurement<double>> ObserveCoreSeconds()
    {
        foreach (var (sweep, figures) in _sweeps)
        {
            var progress = figures.Progress;
            foreach (var (kind, value) in new[] { ("spent", progress.SpentSeconds), ("committed", progress.CommittedSeconds), ("budget", progress.BudgetSeconds ?? double.NaN) })
            {
                if (double.IsFinite(value))
                {
                    yield return new Measurement<double>(value, Label("sweep", sweep), Label("kind", kind));
                }
            }
        }
    }

    private IEnumerable<Measurement<int>> ObserveCells()
    {
        foreach (var (sweep, figures) in _sweeps)
        {
            yield return new Measurement<int>(figures.Progress.CellsChosen, Label("sweep", sweep), Label("kind", "chosen"));
            if (figures.Progress.BudgetCells is { } budget)
            {
                yield return new Measurement<int>(budget, Label("sweep", sweep), Label("kind", "budget"));
            }
        }
    }

    private IEnumerable<Measurement<int>> ObserveDecisions() =>
        _sweeps.Select(sweep => new Measurement<int>(sweep.Value.Progress.Decisions, Label("sweep", sweep.Key)));

    private IEnumerable<Measurement<int>> ObserveStopped() =>
        _sweeps.Where(sweep => sweep.Value.StopLabel is not null)
            .Select(sweep => new Measurement<int>(1, Label("sweep", sweep.Key), Label("reason", sweep.Value.StopLabel!)));
}
