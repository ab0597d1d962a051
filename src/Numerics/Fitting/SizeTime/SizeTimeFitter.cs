namespace Orchestrator.Numerics.Fitting;

/// <summary>Fits the size × time law to one series' curves, with bootstrap intervals and flags.</summary>
internal static class SizeTimeFitter
{
    /// <summary>The fit, or null when the series' curves do not identify the law (fewer than 3 sizes or 2 distinct τ).</summary>
    public static SizeTimeFit? Fit(SeriesData series, FitOptions options)
    {
        var data = SizeTimeData.Build(series);
        if (!data.IsSufficient)
        {
            return null;
        }

        bool alphaFree = options.FixedAlpha is null, betaFree = options.FixedBeta is null;
        var grid = options.AlphaGrid.Points(options.AlphaGrid.BootstrapStep);
        var alphas = alphaFree ? grid : [Fixed(options.FixedAlpha!.Value, nameof(FitOptions.FixedAlpha))];
        var betas = betaFree ? grid : [Fixed(options.FixedBeta!.Value, nameof(FitOptions.FixedBeta))];
        var estimate = CreateFitter(data, options).Fit(alphas, betas, SeriesFitter.PointEstimateTolerance);
        var bootstrap = SizeTimeBootstrap.Run(data, estimate, alphaFree, betaFree, options);

        var flags = SeriesFitter.CommonFlags(series, data.Sizes, data.Seeds.All(s => s.Length == 1), minimumSizes: 3, out _);
        double minTau = Math.Exp(data.LogTaus.Min()), maxTau = Math.Exp(data.LogTaus.Max());
        if (maxTau < 10.0 * minTau)
        {
            flags.Add(FitFlags.NarrowTimeSpan);
        }

        var c = estimate.Coefficients;
        // "At the bound" means numerically indistinguishable from 0: under 1e-6 of the smallest fitted loss.
        double tolerance = SeriesFitter.BoundTolerance * Math.Exp(data.LogLoss.Where((_, p) => data.Weights[p] > 0).Min());
        AddIf(flags, alphaFree && estimate.AlphaAtEdge, FitFlags.AlphaAtBound);
        AddIf(flags, betaFree && estimate.BetaAtEdge, FitFlags.BetaAtBound);
        AddIf(flags, c.E < tolerance, FitFlags.EAtBound);
        AddIf(flags, c.A * Math.Pow(data.Sizes[^1], -estimate.Alpha) < tolerance, FitFlags.AAtBound);
        AddIf(flags, c.B * Math.Pow(maxTau, -estimate.Beta) < tolerance, FitFlags.BAtBound);

        double degreesOfFreedom = data.Seeds.Sum(s => s.Length - 1);
        var alphaCi = alphaFree ? Interval(bootstrap?.Alpha, degreesOfFreedom, options) : default;
        var betaCi = betaFree ? Interval(bootstrap?.Beta, degreesOfFreedom, options) : default;
        var eCi = Interval(bootstrap?.E, degreesOfFreedom, options);
        var aCi = Interval(bootstrap?.A, degreesOfFreedom, options);
        var bCi = Interval(bootstrap?.B, degreesOfFreedom, options);
        double rss = estimate.Objective + data.WithinSumOfSquares();
        return new SizeTimeFit
        {
            Optimizer = series.Optimizer,
            Spectrum = series.Spectrum,
            Alpha = Finite.OrNull(estimate.Alpha),
            AlphaCiLow = alphaCi.Low,
            AlphaCiHigh = alphaCi.High,
            AlphaFixed = !alphaFree,
            Beta = Finite.OrNull(estimate.Beta),
            BetaCiLow = betaCi.Low,
            BetaCiHigh = betaCi.High,
            BetaFixed = !betaFree,
            E = Finite.OrNull(c.E),
            ECiLow = eCi.Low,
            ECiHigh = eCi.High,
            A = Finite.OrNull(c.A),
            ACiLow = aCi.Low,
            ACiHigh = aCi.High,
            B = Finite.OrNull(c.B),
            BCiLow = bCi.Low,
            BCiHigh = bCi.High,
            SizeCount = data.Sizes.Length,
            CellCount = data.CellCount,
            PointCount = data.RawPointCount,
            MinSize = data.Sizes[0],
            MaxSize = data.Sizes[^1],
            MinTau = minTau,
            MaxTau = maxTau,
            DivergedExcluded = series.DivergedExcluded,
            NonPositiveExcluded = series.NonPositiveExcluded,
            ResidualSumOfSquares = Finite.OrNull(rss),
            ResidualRms = Finite.OrNull(Math.Sqrt(rss / data.RawPointCount)),
            BootstrapValid = bootstrap?.Valid ?? 0,
            BootstrapRequested = bootstrap is null ? 0 : options.BootstrapResamples,
            LearningRates = series.LearningRates,
            Flags = flags.ToArray(),
        };
    }

    /// <summary>A fitter over <paramref name="data"/>'s points, searching exponents over the α grid's range.</summary>
    public static SizeTimeLawFitter CreateFitter(SizeTimeData data, FitOptions options) =>
        new(data.LogSizes, data.LogTaus, data.LogLoss, data.Weights, options.AlphaGrid.Min, options.AlphaGrid.Max);

    /// <summary>The expanded percentile interval the size laws report (<see cref="BootstrapInterval"/>), ν = Σ (G_j − 1).</summary>
    private static PercentileInterval Interval(double[]? samples, double degreesOfFreedom, FitOptions options) =>
        samples is null ? default : BootstrapInterval.Of([.. samples], options.ConfidenceLevel, degreesOfFreedom);

    private static double Fixed(double value, string name) =>
        double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentException($"{name} must be a finite exponent ≥ 0, got {value}.", name);

    private static void AddIf(List<string> flags, bool condition, string flag)
    {
        if (condition)
        {
            flags.Add(flag);
        }
    }
}
