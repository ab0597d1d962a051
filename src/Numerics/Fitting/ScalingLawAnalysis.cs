namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Entry points of the scaling-law analysis. Each is a pure function of its observations and options: refitting the
/// same data gives the same result bit for bit, whatever the order of the observations or the thread that runs it.
/// An incremental caller refits with <see cref="FitSeries"/> only the series a new result touches and with
/// <see cref="CompareAtSpectrum"/> the cross-series tables of its spectrum; <see cref="Analyze"/> does everything.
/// Duplicate observations of a cell (same optimizer, spectrum, size, seed and learning rate) are harmless: each cell
/// uses the lowest loss over its observations.
/// </summary>
public static class ScalingLawAnalysis
{
    /// <summary>The power-law and saturating-law fits (in that order) of one series.</summary>
    /// <param name="observations">Observations of the series; others (another optimizer or spectrum) are ignored.</param>
    public static IReadOnlyList<SeriesFit> FitSeries(string optimizer, double spectrum, IEnumerable<Observation> observations, FitOptions options) =>
        FitSeries(optimizer, spectrum, observations, options, null);

    /// <summary><see cref="FitSeries(string, double, IEnumerable{Observation}, FitOptions)"/>, its bootstrap shared through <paramref name="cache"/>.</summary>
    internal static IReadOnlyList<SeriesFit> FitSeries(string optimizer, double spectrum, IEnumerable<Observation> observations, FitOptions options,
        ResampledFitsCache? cache) =>
        SeriesFitter.Fit(SeriesData.Build(optimizer, spectrum, observations), options, cache);

    /// <summary>
    /// The least-squares power law's α of one series with its t-interval at <paramref name="confidenceLevel"/>: the
    /// power fit's <c>Alpha</c>, <c>AlphaCiLow</c> and <c>AlphaCiHigh</c> of <see cref="FitSeries"/> (fitted by least
    /// squares, not held fixed), bit for bit, without the bootstrap and the checks. Cheap enough to ask after every
    /// finished cell. Null until the series has two sizes and three usable cells.
    /// </summary>
    /// <param name="observations">Observations of the series; others (another optimizer or spectrum) are ignored.</param>
    public static AlphaInterval? PowerLawAlphaInterval(string optimizer, double spectrum, IEnumerable<Observation> observations, double confidenceLevel)
    {
        var series = SeriesData.Build(optimizer, spectrum, observations);
        if (PowerLawFitter.Fit(series) is not { } power)
        {
            return null;
        }

        var interval = PowerLawTInterval.Of(series, power, confidenceLevel);
        return Finite.OrNull(power.Alpha) is { } alpha && Finite.OrNull(interval.Low) is { } low && Finite.OrNull(interval.High) is { } high
            ? new AlphaInterval(alpha, low, high)
            : null;
    }

    /// <summary>The size × time law of one series' loss curves; null when they do not identify it.</summary>
    /// <param name="observations">Observations of the series; others (another optimizer or spectrum) are ignored.</param>
    public static SizeTimeFit? FitSizeTime(string optimizer, double spectrum, IEnumerable<Observation> observations, FitOptions options) =>
        SizeTimeFitter.Fit(SeriesData.Build(optimizer, spectrum, observations), options);

    /// <summary>
    /// Shifts against the baseline (both laws), the shared-exponent test, the coefficient shifts and, with
    /// <see cref="FitOptions.Steps"/>, the diagnostic.
    /// </summary>
    public static SpectrumComparison CompareAtSpectrum(double spectrum, IReadOnlyDictionary<string, IReadOnlyList<Observation>> observationsByOptimizer, FitOptions options) =>
        CompareAtSpectrum(spectrum, observationsByOptimizer, options, null);

    /// <summary>
    /// <see cref="CompareAtSpectrum(double, IReadOnlyDictionary{string, IReadOnlyList{Observation}}, FitOptions)"/>, its
    /// resampled fits shared through <paramref name="cache"/>.
    /// </summary>
    internal static SpectrumComparison CompareAtSpectrum(double spectrum, IReadOnlyDictionary<string, IReadOnlyList<Observation>> observationsByOptimizer,
        FitOptions options, ResampledFitsCache? cache)
    {
        var series = observationsByOptimizer
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => SeriesData.Build(p.Key, spectrum, p.Value))
            .ToList();
        return SpectrumComparer.Compare(spectrum, series, options, cache);
    }

    /// <summary>Every series fit, shift, shared-exponent test, diagnostic and size × time fit, ordered by spectrum, then optimizer, then law.</summary>
    public static SweepAnalysis Analyze(IEnumerable<Observation> observations, FitOptions options)
    {
        var fits = new List<SeriesFit>();
        var shifts = new List<AlphaShift>();
        var shared = new List<SharedExponentTest>();
        var diagnostics = new List<SpectralDiagnostic>();
        var coefficientShifts = new List<CoefficientShift>();
        var sizeTime = new List<SizeTimeFit>();
        // A series' own bootstrap and its paired comparisons share resampled fits wherever they draw the same seeds.
        var cache = new ResampledFitsCache();
        foreach (var spectrumGroup in SeriesData.Partition(observations).GroupBy(p => p.Spectrum))
        {
            var series = spectrumGroup.Select(p => SeriesData.Build(p.Optimizer, p.Spectrum, p.Observations)).ToList();
            foreach (var s in series)
            {
                fits.AddRange(SeriesFitter.Fit(s, options, cache));
                if (SizeTimeFitter.Fit(s, options) is { } fit)
                {
                    sizeTime.Add(fit);
                }
            }

            var comparison = SpectrumComparer.Compare(spectrumGroup.Key, series, options, cache);
            shifts.AddRange(comparison.Shifts);
            shared.Add(comparison.SharedExponent);
            coefficientShifts.AddRange(comparison.CoefficientShifts);
            if (comparison.Diagnostic is { } diagnostic)
            {
                diagnostics.Add(diagnostic);
            }
        }

        return new SweepAnalysis
        {
            Fits = fits, Shifts = shifts, SharedExponent = shared, Diagnostics = diagnostics, CoefficientShifts = coefficientShifts,
            SizeTimeFits = sizeTime,
        };
    }
}
