namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Fits both laws to one series when the options ask for the Huber loss or a fixed α (<see cref="LawEstimator.Applies"/>):
/// the point estimates and every bootstrap resample by <see cref="LawEstimator"/>. Both laws' primary α interval is
/// the bootstrap percentile interval (the t-interval belongs to least squares). With α fixed, α is the fixed value
/// with no interval and the coefficients (power: A; saturating: E, A ≥ 0) carry the bootstrap intervals.
/// </summary>
internal static class EstimatorSeriesFitter
{
    public static IReadOnlyList<SeriesFit> Fit(SeriesData series, FitOptions options)
    {
        var bootstrap = SeriesBootstrap.Run(series, options);
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
        if (!sufficient || estimate is not { } power)
        {
            return fit;
        }

        bool fitted = options.FixedAlpha is null;
        double rss = SquaredResiduals(cells, power);
        return fit with
        {
            Alpha = Finite.OrNull(power.Alpha),
            AlphaCiLow = fitted ? bootstrap?.PowerAlpha.Low : null,
            AlphaCiHigh = fitted ? bootstrap?.PowerAlpha.High : null,
            AlphaBootCiLow = fitted ? bootstrap?.PowerAlpha.Low : null,
            AlphaBootCiHigh = fitted ? bootstrap?.PowerAlpha.High : null,
            E = 0,
            A = Finite.OrNull(power.A),
            ACiLow = bootstrap?.PowerCoefficient.Low,
            ACiHigh = bootstrap?.PowerCoefficient.High,
            ResidualSumOfSquares = Finite.OrNull(rss),
            ResidualRms = Finite.OrNull(Math.Sqrt(rss / series.CellCount)),
            BootstrapValid = bootstrap?.PowerValid ?? 0,
        };
    }

    private static SeriesFit FitSaturating(SeriesData series, FitOptions options, SeriesBootstrapResult? bootstrap, SizeCells cells, LawEstimate? estimate)
    {
        var flags = SeriesFitter.CommonFlags(series, minimumSizes: 3, out bool sufficient);
        if (!sufficient || estimate is not { } saturating)
        {
            return Base(series, LawNames.Saturating, flags, bootstrap, options);
        }

        SeriesFitter.AddBoundFlags(series, saturating, flags);
        bool fitted = options.FixedAlpha is null;
        double rss = SquaredResiduals(cells, saturating);
        return Base(series, LawNames.Saturating, flags, bootstrap, options) with
        {
            Alpha = Finite.OrNull(saturating.Alpha),
            AlphaCiLow = fitted ? bootstrap?.SaturatingAlpha.Low : null,
            AlphaCiHigh = fitted ? bootstrap?.SaturatingAlpha.High : null,
            AlphaBootCiLow = fitted ? bootstrap?.SaturatingAlpha.Low : null,
            AlphaBootCiHigh = fitted ? bootstrap?.SaturatingAlpha.High : null,
            E = Finite.OrNull(saturating.E),
            ECiLow = bootstrap?.SaturatingE.Low,
            ECiHigh = bootstrap?.SaturatingE.High,
            A = Finite.OrNull(saturating.A),
            ACiLow = bootstrap?.SaturatingA.Low,
            ACiHigh = bootstrap?.SaturatingA.High,
            ResidualSumOfSquares = Finite.OrNull(rss),
            ResidualRms = Finite.OrNull(Math.Sqrt(rss / series.CellCount)),
            BootstrapValid = bootstrap?.SaturatingValid ?? 0,
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
