namespace Orchestrator.Numerics.Fitting;

/// <summary>Fits both laws to one series, with intervals and flags.</summary>
internal static class SeriesFitter
{
    /// <param name="series">The series.</param>
    /// <param name="options">The fit options.</param>
    /// <param name="cache">Where the bootstrap's resampled fits are shared with the paired comparisons (null: none).</param>
    public static IReadOnlyList<SeriesFit> Fit(SeriesData series, FitOptions options, ResampledFitsCache? cache = null)
    {
        if (LawEstimator.Applies(options))
        {
            return EstimatorSeriesFitter.Fit(series, options, cache);
        }

        var bootstrap = SeriesBootstrap.Run(series, options, cache);
        return OutlierSensitivity.Check(series,
        [
            ExtrapolationChecks.AddToPower(FitPower(series, options, bootstrap), series, options),
            ExtrapolationChecks.AddToSaturating(FitSaturating(series, options, bootstrap), series, options),
        ], options);
    }

    private static SeriesFit FitPower(SeriesData series, FitOptions options, SeriesBootstrapResult? bootstrap)
    {
        var flags = CommonFlags(series, minimumSizes: 2, out bool sufficient);
        if (!sufficient || PowerLawFitter.Fit(series) is not { } power)
        {
            return Base(series, LawNames.Power, flags, bootstrap);
        }

        int n = series.CellCount;
        var (rss, _, standardError, low, high) = PowerLawTInterval.Of(series, power, options.ConfidenceLevel);
        return Base(series, LawNames.Power, flags, bootstrap) with
        {
            Alpha = Finite.OrNull(power.Alpha),
            AlphaStandardError = Finite.OrNull(standardError),
            AlphaCiLow = Finite.OrNull(low),
            AlphaCiHigh = Finite.OrNull(high),
            AlphaBootCiLow = bootstrap?.PowerAlpha.Low,
            AlphaBootCiHigh = bootstrap?.PowerAlpha.High,
            E = 0,
            A = Finite.OrNull(power.Coefficient),
            ACiLow = bootstrap?.PowerCoefficient.Low,
            ACiHigh = bootstrap?.PowerCoefficient.High,
            ResidualSumOfSquares = Finite.OrNull(rss),
            ResidualRms = Finite.OrNull(Math.Sqrt(rss / n)),
            BootstrapValid = bootstrap?.PowerValid ?? 0,
        };
    }

    private static SeriesFit FitSaturating(SeriesData series, FitOptions options, SeriesBootstrapResult? bootstrap)
    {
        var flags = CommonFlags(series, minimumSizes: 3, out bool sufficient);
        if (!sufficient)
        {
            return Base(series, LawNames.Saturating, flags, bootstrap);
        }

        var estimate = SaturatingPointEstimate(series, options);
        AddBoundFlags(series, new LawEstimate(estimate.Alpha, estimate.E, estimate.A, estimate.AtGridEdge), flags);
        double rss = estimate.BetweenSizeObjective + series.Groups.Sum(g => g.WithinSumOfSquares());
        return Base(series, LawNames.Saturating, flags, bootstrap) with
        {
            Alpha = Finite.OrNull(estimate.Alpha),
            AlphaCiLow = bootstrap?.SaturatingAlpha.Low,
            AlphaCiHigh = bootstrap?.SaturatingAlpha.High,
            AlphaBootCiLow = bootstrap?.SaturatingAlpha.Low,
            AlphaBootCiHigh = bootstrap?.SaturatingAlpha.High,
            E = Finite.OrNull(estimate.E),
            ECiLow = bootstrap?.SaturatingE.Low,
            ECiHigh = bootstrap?.SaturatingE.High,
            A = Finite.OrNull(estimate.A),
            ACiLow = bootstrap?.SaturatingA.Low,
            ACiHigh = bootstrap?.SaturatingA.High,
            ResidualSumOfSquares = Finite.OrNull(rss),
            ResidualRms = Finite.OrNull(Math.Sqrt(rss / series.CellCount)),
            BootstrapValid = bootstrap?.SaturatingValid ?? 0,
        };
    }

    /// <summary>The saturating law's flags on its bounds: α on the grid's edge, E or A at 0.</summary>
    internal static void AddBoundFlags(SeriesData series, LawEstimate estimate, List<string> flags)
    {
        if (estimate.AtGridEdge)
        {
            flags.Add(FitFlags.AlphaAtBound);
        }

        // "At the bound" means numerically indistinguishable from 0: under 1e-6 of the smallest fitted loss.
        double minLoss = Math.Exp(series.Groups.Min(g => g.MeanLogLoss()));
        if (estimate.E < BoundTolerance * minLoss)
        {
            flags.Add(FitFlags.EAtBound);
        }

        if (estimate.A * Math.Pow(series.Groups[^1].Size, -estimate.Alpha) < BoundTolerance * minLoss)
        {
            flags.Add(FitFlags.AAtBound);
        }
    }

    /// <summary>E (or the largest size's A·N^(−α)) under this fraction of the smallest loss is "at its bound 0".</summary>
    internal const double BoundTolerance = 1e-6;

    /// <summary>The saturating law's point estimate: dense α grid, then polish to <see cref="PointEstimateTolerance"/>.</summary>
    internal static SaturatingLawEstimate SaturatingPointEstimate(SeriesData series, FitOptions options)
    {
        var points = SizePoints.Of(series);
        var fitter = new SaturatingLawFitter(points.LogSizes, points.MeanLogLoss, points.Weights);
        return fitter.Fit(options.AlphaGrid.Points(options.AlphaGrid.Step), PointEstimateTolerance);
    }

    /// <summary>Tolerance in α of the point estimate's Brent polish.</summary>
    internal const double PointEstimateTolerance = 1e-9;

    internal static SeriesFit Base(SeriesData series, string law, List<string> flags, SeriesBootstrapResult? bootstrap) => new()
    {
        Optimizer = series.Optimizer,
        Spectrum = series.Spectrum,
        Law = law,
        SizeCount = series.Groups.Length,
        CellCount = series.CellCount,
        MinSize = series.Groups.Length > 0 ? series.Groups[0].Size : null,
        MaxSize = series.Groups.Length > 0 ? series.Groups[^1].Size : null,
        DivergedExcluded = series.DivergedExcluded,
        NonPositiveExcluded = series.NonPositiveExcluded,
        LearningRates = series.LearningRates,
        BootstrapRequested = bootstrap?.Requested ?? 0,
        Flags = flags.ToArray(),
    };

    /// <summary>Flags every law shares, in a fixed order; law-specific flags are appended after them.</summary>
    internal static List<string> CommonFlags(SeriesData series, int minimumSizes, out bool sufficient) =>
        CommonFlags(series, series.Groups.Select(g => g.Size).ToArray(), series.Groups.All(g => g.Count == 1), minimumSizes, out sufficient);

    /// <summary>The shared flags for a law fitted on <paramref name="sizes"/> (ascending) of <paramref name="series"/>.</summary>
    internal static List<string> CommonFlags(SeriesData series, int[] sizes, bool singleSeed, int minimumSizes, out bool sufficient)
    {
        var flags = new List<string>();
        if (sizes.Length < 3)
        {
            flags.Add(FitFlags.FewSizes);
        }

        if (sizes.Length >= 2 && sizes[^1] < 10.0 * sizes[0])
        {
            flags.Add(FitFlags.NarrowSpan);
        }

        if (series.DivergedExcluded > 0)
        {
            flags.Add(FitFlags.DivergedExcluded);
        }

        if (series.NonPositiveExcluded > 0)
        {
            flags.Add(FitFlags.NonPositiveExcluded);
        }

        if (sizes.Length > 0 && singleSeed)
        {
            flags.Add(FitFlags.SingleSeed);
        }

        sufficient = sizes.Length >= minimumSizes;
        if (!sufficient)
        {
            flags.Add(FitFlags.InsufficientData);
        }

        return flags;
    }
}
