namespace Orchestrator.Numerics.Fitting;

/// <summary>α-shift and ratio of an optimizer against the baseline, for both laws.</summary>
internal static class PairedShiftEstimator
{
    public static IReadOnlyList<AlphaShift> Estimate(SeriesData optimizer, SeriesData baseline, FitOptions options)
    {
        var pointOptions = options with { BootstrapResamples = 0 };
        var optimizerFits = SeriesFitter.Fit(optimizer, pointOptions);
        var baselineFits = SeriesFitter.Fit(baseline, pointOptions);
        var shifts = new List<AlphaShift>(2);
        for (int law = 0; law < 2; law++)
        {
            double? alpha = optimizerFits[law].Alpha, alphaBase = baselineFits[law].Alpha;
            shifts.Add(new AlphaShift
            {
                Optimizer = optimizer.Optimizer,
                Baseline = baseline.Optimizer,
                Spectrum = optimizer.Spectrum,
                Law = optimizerFits[law].Law,
                Alpha = alpha,
                AlphaBaseline = alphaBase,
                Shift = Finite.OrNull(alpha - alphaBase),
                Ratio = alphaBase > 0 ? Finite.OrNull(alpha / alphaBase) : null,
            });
        }

        return shifts;
    }
}
