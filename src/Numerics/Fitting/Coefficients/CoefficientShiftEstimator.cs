namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The coefficient-shift table of one spectrum: each optimizer against the baseline, both laws, with the coefficients
/// fitted at one exponent for all (the fixed α, else the spectrum's shared-exponent α) under the options' objective.
/// Intervals are paired cluster-bootstrap intervals over the same resamples as the α-shifts
/// (<see cref="PairedResamples"/>), the exponent refitted in each (<see cref="CoefficientResamples"/>), read as every
/// bootstrap interval is (<see cref="BootstrapInterval"/>, ν from the resamples of every series of the spectrum,
/// since a shared exponent pools them). Resamples
/// where either optimizer's coefficient is undefined are left out; the A ratio also leaves out those whose baseline
/// A is not positive. Without an exponent (no fixed α and too little data for the shared one) the rows have no values.
/// </summary>
internal static class CoefficientShiftEstimator
{
    public static IReadOnlyList<CoefficientShift> Estimate(IReadOnlyList<SeriesData> series, SeriesData baseline, SharedExponentTest shared,
        FitOptions options)
    {
        if (series.Count < 2)
        {
            return [];
        }

        double? alpha = options.FixedAlpha ?? shared.SharedAlpha;
        var atAlpha = options with { FixedAlpha = alpha };
        var estimates = series
            .Select(s => alpha is null ? default : EstimatorSeriesFitter.PointEstimates(s, SizeCells.Of(s), atAlpha))
            .ToArray();
        var resampler = alpha is null ? null : PairedResamples.Resampler(series, options);
        var samples = resampler is null ? null : CoefficientResamples.Run(
            series,
            resampler,
            series.Select(s => shared.Optimizers.Contains(s.Optimizer)).ToArray(),
            estimates.Select(e => e.Saturating is { } fit ? (fit.E, fit.A) : ((double E, double A)?)null).ToArray(),
            atAlpha);

        var deviations = samples?.Select(r => r.Deviations).ToArray();
        PercentileInterval Interval(double[] values) => BootstrapInterval.For(values, deviations!, resampler!, options.ConfidenceLevel);

        int b = IndexOf(series, baseline);
        var rows = new List<CoefficientShift>(2 * (series.Count - 1));
        for (int k = 0; k < series.Count; k++)
        {
            if (k == b)
            {
                continue;
            }

            var row = new CoefficientShift
            {
                Optimizer = series[k].Optimizer,
                Baseline = baseline.Optimizer,
                Spectrum = series[k].Spectrum,
                Law = LawNames.Power,
                Alpha = Finite.OrNull(alpha),
                AlphaSource = options.FixedAlpha is null ? ExponentSources.Shared : ExponentSources.Fixed,
                Verdict = shared.Verdict,
                BootstrapRequested = samples is null ? 0 : options.BootstrapResamples,
            };
            rows.Add(Ratio(row, estimates[k].Power, estimates[b].Power, samples?[k].PowerA, samples?[b].PowerA, Interval));
            rows.Add(FloorShift(
                Ratio(row with { Law = LawNames.Saturating }, estimates[k].Saturating, estimates[b].Saturating, samples?[k].SaturatingA, samples?[b].SaturatingA, Interval),
                estimates[k].Saturating, estimates[b].Saturating, samples?[k].SaturatingE, samples?[b].SaturatingE, Interval));
        }

        return rows;
    }

    private static CoefficientShift Ratio(CoefficientShift row, LawEstimate? fit, LawEstimate? baseFit, double[]? samples, double[]? baseSamples,
        Func<double[], PercentileInterval> interval)
    {
        double? a = fit?.A, aBase = baseFit?.A;
        row = row with
        {
            A = Finite.OrNull(a),
            ABaseline = Finite.OrNull(aBase),
            ARatio = aBase > 0 ? Finite.OrNull(a / aBase) : null,
        };
        if (samples is null || baseSamples is null || a is null || aBase is null)
        {
            return row;
        }

        int valid = PairedResamples.Combine(samples, baseSamples, (x, y) => x - y).Count(double.IsFinite);
        var ratio = row.ARatio is null
            ? default
            : interval(PairedResamples.Combine(samples, baseSamples, (x, y) => y > 0 ? x / y : double.NaN));
        return row with { ARatioCiLow = ratio.Low, ARatioCiHigh = ratio.High, BootstrapValid = valid };
    }

    private static CoefficientShift FloorShift(CoefficientShift row, LawEstimate? fit, LawEstimate? baseFit, double[]? samples, double[]? baseSamples,
        Func<double[], PercentileInterval> interval)
    {
        double? e = fit?.E, eBase = baseFit?.E;
        row = row with { E = Finite.OrNull(e), EBaseline = Finite.OrNull(eBase), EShift = Finite.OrNull(e - eBase) };
        if (samples is null || baseSamples is null || e is null || eBase is null)
        {
            return row;
        }

        var shift = interval(PairedResamples.Combine(samples, baseSamples, (x, y) => x - y));
        return row with { EShiftCiLow = shift.Low, EShiftCiHigh = shift.High };
    }

    private static int IndexOf(IReadOnlyList<SeriesData> series, SeriesData baseline)
    {
        for (int k = 0; k < series.Count; k++)
        {
            if (ReferenceEquals(series[k], baseline))
            {
                return k;
            }
        }

        throw new ArgumentException("The baseline is not one of the series.", nameof(baseline));
    }
}
