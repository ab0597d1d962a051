namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Fits both laws to one series when the options ask for the Huber loss or a fixed α (<see cref="LawEstimator.Applies"/>):
/// the point estimates and every bootstrap resample by <see cref="LawEstimator"/>. Both laws' primary α interval is
/// the bootstrap interval (<see cref="BootstrapInterval"/>; the t-interval belongs to least squares). With α fixed, α
/// is the fixed value with no interval and the coefficients (power: A; saturating: E, A ≥ 0) carry the bootstrap
/// intervals.
/// </summary>
internal static class EstimatorSeriesFitter
{
    public static IReadOnlyList<SeriesFit> Fit(SeriesData series, FitOptions options, ResampledFitsCache? cache = null)
    {
        var bootstrap = SeriesBootstrap.Run(series, options, cache);
        var cells = SizeCells.Of(series);
        var (power, saturating) = PointEstimates(series, cells, options);
        return OutlierSensitivity.Check(series,
            [FitPower(series, options, bootstrap, cells, power), FitSaturating(series, options, bootstrap, cells, saturating)], options);
    }

    /// <summary>Both laws' point estimates under the options: null where a law has too few sizes or no finite fit.</summary>
    public static (LawEstimate? Power, LawEstimate? Saturating) PointEstimates(SeriesData series, SizeCells cells, FitOptions options)
    {
        var estimator = new LawEstimator(cells.LogSizes, options.HuberDelta);
        var power = estimator.Power(cells, options.FixedAlpha);
        var saturating = options.FixedAlpha is { } alpha
            ? estimator.SaturatingAt(cells, alpha)
            : estimator.Saturating(cells, options.AlphaGrid.Points(options.AlphaGrid.Step), SeriesFitter.PointEstimateTolerance, null);
        return (power, series.Groups.Length >= 3 ? saturating : null);
    }

    private static SeriesFit FitPower(SeriesData series, FitOptions options, SeriesBootstrapResult? bootstrap, SizeCells cells, LawEstimate? estimate)
    {
        var flags = SeriesFitter.CommonFlags(series, minimumSizes: 2, out bool sufficient);
        var fit = Base(series, LawNames.Power, flags, bootstrap, options);
        return sufficient && estimate is { } power
            ? WithEstimate(fit, power, cells, options, bootstrap?.PowerAlpha, bootstrap?.PowerCoefficient, null, bootstrap?.PowerValid)
            : fit;
    }

    private static SeriesFit FitSaturating(SeriesData series, FitOptions options, SeriesBootstrapResult? bootstrap, SizeCells cells, LawEstimate? estimate)
    {
        var flags = SeriesFitter.CommonFlags(series, minimumSizes: 3, out bool sufficient);
        if (!sufficient || estimate is not { } saturating)
        {
            return Base(series, LawNames.Saturating, flags, bootstrap, options);
        }

        SeriesFitter.AddBoundFlags(series, saturating, flags);
        return WithEstimate(Base(series, LawNames.Saturating, flags, bootstrap, options), saturating, cells, options,
            bootstrap?.SaturatingAlpha, bootstrap?.SaturatingA, bootstrap?.SaturatingE, bootstrap?.SaturatingValid);
    }

    /// <summary>The estimate and its bootstrap intervals (α's only when α was fitted), and the log residuals' sums.</summary>
    private static SeriesFit WithEstimate(SeriesFit fit, LawEstimate estimate, SizeCells cells, FitOptions options,
        PercentileInterval? alpha, PercentileInterval? a, PercentileInterval? e, int? valid)
    {
        var alphaInterval = options.FixedAlpha is null ? alpha : null;
        double rss = SquaredResiduals(cells, estimate);
        return fit with
        {
            Alpha = Finite.OrNull(estimate.Alpha),
            AlphaCiLow = alphaInterval?.Low,
            AlphaCiHigh = alphaInterval?.High,
            AlphaBootCiLow = alphaInterval?.Low,
            AlphaBootCiHigh = alphaInterval?.High,
            E = Finite.OrNull(estimate.E),
            ECiLow = e?.Low,
            ECiHigh = e?.High,
            A = Finite.OrNull(estimate.A),
            ACiLow = a?.Low,
            ACiHigh = a?.High,
            ResidualSumOfSquares = Finite.OrNull(rss),
            ResidualRms = Finite.OrNull(Math.Sqrt(rss / fit.CellCount)),
            BootstrapValid = valid ?? 0,
        };
    }

    private static SeriesFit Base(SeriesData series, string law, List<string> flags, SeriesBootstrapResult? bootstrap, FitOptions options) =>
        SeriesFitter.Base(series, law, flags, bootstrap) with
        {
            AlphaFixed = options.FixedAlpha is not null,
            Objective = options.HuberDelta is null ? FitObjectives.LeastSquares : FitObjectives.Huber,
        };

    /// <summary>Σ over cells of (ln L − fitted ln L)², reported whatever the objective.</summary>
    private static double SquaredResiduals(SizeCells cells, LawEstimate fit) =>
        cells.Objective(cells.LogSizes.Select(fit.LogLossAt).ToArray(), null);
}
