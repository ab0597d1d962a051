using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Orchestrator.Numerics.Fitting;
using static Orchestrator.Grains.Telemetry.MetricLabels;

namespace Orchestrator.Grains.Telemetry;

/// <summary>
/// The gauges of the fits (<c>orchestrator.fit.*</c>), owned by <see cref="OrchestratorMetrics"/>: per series and law
/// (power, saturating, size-time) α, the size × time law's β, the coefficients, the holdout error and the flags; the coefficient shifts against the baseline; the rank exponents.
/// All are dimensionless (no unit, so that the Prometheus names get no suffix), and values that are not finite are not
/// published. A sweep's figures are one immutable snapshot that <see cref="Publish"/> replaces as a whole: a scrape
/// sees one refit or the next, never a mix, and whatever a refit no longer has (a flag that went away) stops being
/// published.
/// </summary>
/// <remarks>
/// Another kind of fit per series is published with a few lines: a <c>SeriesFigures.Of</c> for its result record (its
/// law name, α, coefficients and flags), its list added to the series in <c>SweepFitFigures.Of</c>, and, for a figure
/// the other laws do not have (an exponent β, say), a property of <c>SeriesFigures</c> and one gauge here observed
/// like α.
/// </remarks>
public sealed class FitGauges
{
    private readonly ConcurrentDictionary<string, SweepFitFigures> _sweeps = new(StringComparer.Ordinal);

    internal FitGauges(Meter meter)
    {
        meter.CreateObservableGauge(
            "orchestrator.fit.alpha", ObserveAlpha, unit: null,
            "Fitted scaling exponent α of a series (bound=estimate) and its 95% interval (bound=low, bound=high).");
        meter.CreateObservableGauge(
            "orchestrator.fit.beta", ObserveBeta, unit: null,
            "Fitted time exponent β of a series' size × time law (law=size-time), with its 95% interval.");
        meter.CreateObservableGauge(
            "orchestrator.fit.coefficient", ObserveCoefficients, unit: null,
            "Fitted coefficient (E, A; B of the size × time law) of a series' law, with its 95% interval.");
        meter.CreateObservableGauge(
            "orchestrator.fit.holdout_log_error", ObserveHoldoutLogError, unit: null,
            "ln(observed) − ln(predicted) loss at a series' largest size, by the law refitted without that size.");
        meter.CreateObservableGauge(
            "orchestrator.fit.flag", ObserveFlags, unit: null,
            "1 for each warning flag a series' fit carries; a flag the fit does not carry has no series.");
        meter.CreateObservableGauge(
            "orchestrator.fit.coefficient_shift", ObserveCoefficientShifts, unit: null,
            "An optimizer's A / A_baseline (A_ratio) and E − E_baseline (E_shift) at a common exponent, with 95% intervals.");
        meter.CreateObservableGauge(
            "orchestrator.fit.rank_beta", ObserveRankBeta, unit: null,
            "Fitted rank exponent β (rank ∝ size^β) of a series, bucket and rank kind, with its 95% interval.");
    }

    /// <summary>
    /// Replaces everything published of <paramref name="sweep"/>'s fits with the figures of <paramref name="analysis"/>.
    /// Throws, publishing nothing new, when a label is empty or a spectrum is not finite.
    /// </summary>
    public void Publish(string sweep, SweepAnalysis analysis)
    {
        RequireSweep(sweep);
        ArgumentNullException.ThrowIfNull(analysis);
        var figures = SweepFitFigures.Of(analysis);
        figures.Validate();
        _sweeps[sweep] = figures;
    }

    /// <summary>Stops publishing <paramref name="sweep"/>'s fits, all of them.</summary>
    public void Remove(string sweep) => _sweeps.TryRemove(sweep, out _);

    internal void Clear() => _sweeps.Clear();

    /// <summary>Every series of every sweep, with its labels.</summary>
    private IEnumerable<(KeyValuePair<string, object?>[] Labels, SeriesFigures Figures)> Series() =>
        _sweeps.SelectMany(sweep => sweep.Value.Series.Select(series => (series.Labels(sweep.Key), series)));

    private IEnumerable<Measurement<double>> ObserveAlpha() =>
        Series().SelectMany(series => Bounds(series.Figures.Alpha, series.Labels));

    private IEnumerable<Measurement<double>> ObserveBeta() =>
        Series().SelectMany(series => Bounds(series.Figures.Beta, series.Labels));

    private IEnumerable<Measurement<double>> ObserveCoefficients() =>
        Series().SelectMany(series => Named(series.Figures.Coefficients, "coefficient", series.Labels));

    private IEnumerable<Measurement<double>> ObserveHoldoutLogError() =>
        Series()
            .Where(series => double.IsFinite(series.Figures.HoldoutLogError))
            .Select(series => new Measurement<double>(series.Figures.HoldoutLogError, series.Labels));

    private IEnumerable<Measurement<int>> ObserveFlags() =>
        Series().SelectMany(series => series.Figures.Flags.Select(flag => new Measurement<int>(1, With(series.Labels, "flag", flag))));

    private IEnumerable<Measurement<double>> ObserveCoefficientShifts() =>
        _sweeps.SelectMany(sweep => sweep.Value.Shifts.SelectMany(shift => Named(shift.Quantities, "quantity", shift.Labels(sweep.Key))));

    private IEnumerable<Measurement<double>> ObserveRankBeta() =>
        _sweeps.SelectMany(sweep => sweep.Value.Ranks.SelectMany(rank => Bounds(rank.Beta, rank.Labels(sweep.Key))));

    /// <summary>The bounds of each quantity, told apart by the label <paramref name="label"/>.</summary>
    private static IEnumerable<Measurement<double>> Named(
        IEnumerable<NamedEstimate> quantities, string label, KeyValuePair<string, object?>[] labels) =>
        quantities.SelectMany(quantity => Bounds(quantity.Value, With(labels, label, quantity.Name)));

    private static IEnumerable<Measurement<double>> Bounds(IntervalEstimate estimate, KeyValuePair<string, object?>[] labels) =>
        estimate.FiniteBounds().Select(bound => new Measurement<double>(bound.Value, With(labels, "bound", bound.Bound)));
}
