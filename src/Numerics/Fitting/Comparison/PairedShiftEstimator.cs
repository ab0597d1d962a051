namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// α-shifts and ratios of every optimizer of a spectrum against the baseline, for both laws, with paired
/// cluster-bootstrap intervals (<see cref="PairedResamples"/>, <see cref="BootstrapInterval"/> with ν from both
/// series' resamples): resample b of the optimizer and of the baseline draw the same seeds (the same problems), and
/// shift b = α_opt[b] − α_base[b]. Resamples where either fit
/// is undefined are left out (<c>bootstrap_valid</c> counts the rest); ratios also leave out resamples whose
/// baseline α is not positive. Point estimates are those of the series fits, under the same objective (least squares
/// or Huber). With α fixed there are no shifts: the coefficient shifts (<see cref="CoefficientShiftEstimator"/>) take
/// their place.
/// </summary>
internal static class PairedShiftEstimator
{
    /// <param name="series">The spectrum's series.</param>
    /// <param name="baseline">The baseline, one of <paramref name="series"/>.</param>
    /// <param name="options">The fit options.</param>
    /// <param name="cache">Where resampled fits are shared with the series' own bootstraps (null: none).</param>
    public static IReadOnlyList<AlphaShift> Estimate(IReadOnlyList<SeriesData> series, SeriesData baseline, FitOptions options,
        ResampledFitsCache? cache = null)
    {
        var others = series.Where(s => !ReferenceEquals(s, baseline)).ToList();
        if (others.Count == 0)
        {
            return [];
        }

        var resampler = PairedResamples.Resampler(series, options);
        var baseEstimate = Exponents.Of(baseline, options);
        ResampledFits Resampled(SeriesData s) => cache?.Get(s, resampler!, options) ?? ResampledFits.Run(s, resampler!, options);
        var baseSamples = resampler is null ? null : Resampled(baseline);

        var shifts = new List<AlphaShift>(2 * others.Count);
        foreach (var s in others)
        {
            var estimate = Exponents.Of(s, options);
            var samples = resampler is null ? null : Resampled(s);
            var paired = samples is null || baseSamples is null ? null : new Paired(samples, baseSamples, resampler!);
            shifts.Add(Shift(s, baseline, LawNames.Power, estimate.Power, baseEstimate.Power, paired, f => f.PowerAlpha, options));
            shifts.Add(Shift(s, baseline, LawNames.Saturating, estimate.Saturating, baseEstimate.Saturating, paired, f => f.SaturatingAlpha, options));
        }

        return shifts;
    }

    private static AlphaShift Shift(SeriesData optimizer, SeriesData baseline, string law, double? alpha, double? alphaBase,
        Paired? paired, Func<ResampledFits, double[]> exponent, FitOptions options)
    {
        var shift = new AlphaShift
        {
            Optimizer = optimizer.Optimizer,
            Baseline = baseline.Optimizer,
            Spectrum = optimizer.Spectrum,
            Law = law,
            Alpha = Finite.OrNull(alpha),
            AlphaBaseline = Finite.OrNull(alphaBase),
            Shift = Finite.OrNull(alpha - alphaBase),
            Ratio = alphaBase > 0 ? Finite.OrNull(alpha / alphaBase) : null,
            BootstrapRequested = paired is null ? 0 : options.BootstrapResamples,
        };
        if (paired is null || alpha is null || alphaBase is null)
        {
            return shift;
        }

        var (samples, baseSamples) = (exponent(paired.Optimizer), exponent(paired.Baseline));
        var differences = PairedResamples.Combine(samples, baseSamples, (a, b) => a - b);
        var ratios = PairedResamples.Combine(samples, baseSamples, (a, b) => b > 0 ? a / b : double.NaN);
        int valid = differences.Count(double.IsFinite);
        var shiftInterval = paired.Interval(differences, options.ConfidenceLevel);
        var ratioInterval = shift.Ratio is null ? default : paired.Interval(ratios, options.ConfidenceLevel);
        return shift with
        {
            ShiftCiLow = shiftInterval.Low,
            ShiftCiHigh = shiftInterval.High,
            RatioCiLow = ratioInterval.Low,
            RatioCiHigh = ratioInterval.High,
            BootstrapValid = valid,
        };
    }

    /// <summary>An optimizer's and the baseline's resamples over their shared universe.</summary>
    private sealed record Paired(ResampledFits Optimizer, ResampledFits Baseline, ClusterResampler Resampler)
    {
        public PercentileInterval Interval(double[] values, double level) =>
            BootstrapInterval.For(values, [Optimizer.Deviations, Baseline.Deviations], Resampler, level);
    }

    /// <summary>The point estimates of α under both laws (null where the law cannot be fitted), as the series fits have them.</summary>
    private readonly record struct Exponents(double? Power, double? Saturating)
    {
        public static Exponents Of(SeriesData series, FitOptions options)
        {
            if (LawEstimator.Applies(options))
            {
                var (power, saturating) = EstimatorSeriesFitter.PointEstimates(series, SizeCells.Of(series), options);
                return new(power?.Alpha, saturating?.Alpha);
            }

            return new(
                PowerLawFitter.Fit(series)?.Alpha,
                series.Groups.Length >= 3 ? SeriesFitter.SaturatingPointEstimate(series, options).Alpha : null);
        }
    }
}
