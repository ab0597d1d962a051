namespace Orchestrator.Numerics.Fitting;

/// <summary>Builds the cross-series tables of one spectrum from its prepared series (ordered by optimizer).</summary>
internal static class SpectrumComparer
{
    public static SpectrumComparison Compare(double spectrum, IReadOnlyList<SeriesData> series, FitOptions options)
    {
        var baseline = series.FirstOrDefault(s => s.Optimizer == options.Baseline);
        var shifts = baseline is null ? [] : PairedShiftEstimator.Estimate(series, baseline, options);

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
            SharedExponent = SharedExponentTester.Test(spectrum, series),
            Diagnostic = diagnostic,
        };
    }
}
