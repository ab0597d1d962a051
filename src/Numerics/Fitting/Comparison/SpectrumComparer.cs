namespace Orchestrator.Numerics.Fitting;

/// <summary>Builds the cross-series tables of one spectrum from its prepared series (ordered by optimizer).</summary>
internal static class SpectrumComparer
{
    /// <param name="spectrum">The spectrum.</param>
    /// <param name="series">Its series, ordered by optimizer.</param>
    /// <param name="options">The fit options.</param>
    /// <param name="cache">Where resampled fits are shared with the series' own bootstraps (null: none).</param>
    public static SpectrumComparison Compare(double spectrum, IReadOnlyList<SeriesData> series, FitOptions options, ResampledFitsCache? cache = null)
    {
        var baseline = series.FirstOrDefault(s => s.Optimizer == options.Baseline);
        var shared = SharedExponentTester.Test(spectrum, series);

        // With α fixed every series has the same α: there is no α-shift, only the coefficient shifts.
        var shifts = baseline is null || options.FixedAlpha is not null ? [] : PairedShiftEstimator.Estimate(series, baseline, options, cache);
        var coefficientShifts = baseline is null ? [] : CoefficientShiftEstimator.Estimate(series, baseline, shared, options);

        SpectralDiagnostic? diagnostic = null;
        int maxSize = series.Where(s => s.Groups.Length > 0).Select(s => s.Groups[^1].Size).DefaultIfEmpty(0).Max();
        if (options.Steps is { } steps && maxSize > 0)
        {
            diagnostic = SpectralDiagnostics.Compute(spectrum, maxSize, steps, options.EtaKappa1);
        }

        return new SpectrumComparison
        {
            Spectrum = spectrum,
            Shifts = shifts,
            SharedExponent = shared,
            CoefficientShifts = coefficientShifts,
            Diagnostic = diagnostic,
        };
    }
}
