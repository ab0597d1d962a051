namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The check behind <see cref="FitFlags.OutlierSensitive"/> (the rule is stated there): each fit with a fitted α gets
/// the other objective's α on the same cells (<c>alpha_check</c>), the Huber loss (δ = <see cref="FitOptions.HuberDelta"/>,
/// default <see cref="HuberLoss.DefaultDelta"/>) for a least-squares fit and least squares for a Huber fit. A point
/// estimate is enough for a check: the Huber saturating α of a least-squares fit searches the coarse grid
/// (<see cref="AlphaGrid.BootstrapStep"/>) and polishes to <see cref="SeriesFitter.PointEstimateTolerance"/>; the
/// least-squares α of a Huber fit is the least-squares point estimate itself.
/// </summary>
internal static class OutlierSensitivity
{
    /// <summary>1 / Φ⁻¹(3/4): the median absolute deviation of a normal sample times this estimates its standard deviation.</summary>
    private const double MadToSigma = 1.482602218505602;

    /// <summary>k = min(1, this × s_robust / rms_log): residuals count as heavy-tailed when their rms is over this many robust scales.</summary>
    internal const double HeavyTailRatio = 2;

    public static IReadOnlyList<SeriesFit> Check(SeriesData series, IReadOnlyList<SeriesFit> fits, FitOptions options)
    {
        if (fits.All(f => f.AlphaFixed || f.Alpha is null))
        {
            return fits;
        }

        var (power, saturating) = OtherFits(series, fits[0].Objective == FitObjectives.Huber, options);
        return fits.Select(f => f.Law switch
        {
            LawNames.Power => Flag(f, power),
            LawNames.Saturating => Flag(f, saturating),
            _ => f,
        }).ToArray();
    }

    private static SeriesFit Flag(SeriesFit fit, OtherFit? other)
    {
        if (fit.AlphaFixed || fit.Alpha is not { } alpha || other is not { } check || Finite.OrNull(check.Alpha) is not { } otherAlpha)
        {
            return fit;
        }

        // An outlier widens a least-squares interval as much as it moves α, and so would hide itself: the reach is
        // scaled down by how much wider the least-squares residuals are than the robust fit's, beyond a factor 2
        // that normal residuals stay within (their ratio is about 1 ± 0.2 at 30 cells).
        double scale = fit.Objective == FitObjectives.LeastSquares && fit.ResidualRms is > 0 and var rms
            ? Math.Min(1, HeavyTailRatio * check.RobustScale / rms)
            : 1;
        bool sensitive = fit.AlphaCiLow is { } low && fit.AlphaCiHigh is { } high && Math.Abs(alpha - otherAlpha) > scale * Reach(alpha, otherAlpha, low, high);
        return fit with
        {
            AlphaCheck = otherAlpha,
            Flags = sensitive ? [.. fit.Flags, FitFlags.OutlierSensitive] : fit.Flags,
        };
    }

    /// <summary>
    /// The larger of the interval's half-width and how far it reaches from α towards α_check: a bootstrap interval of
    /// a law near a bound (E ≥ 0) is lopsided, and an α_check well inside it must not count as far from α.
    /// </summary>
    private static double Reach(double alpha, double check, double low, double high) =>
        Math.Max((high - low) / 2, check > alpha ? high - alpha : alpha - low);

    /// <summary>The other objective's fits under both laws (null where a law cannot be fitted).</summary>
    private static (OtherFit? Power, OtherFit? Saturating) OtherFits(SeriesData series, bool fitIsHuber, FitOptions options)
    {
        if (fitIsHuber)
        {
            return (PowerLawFitter.Fit(series) is { } power ? new OtherFit(power.Alpha, double.NaN) : null,
                series.Groups.Length >= 3 ? new OtherFit(SeriesFitter.SaturatingPointEstimate(series, options).Alpha, double.NaN) : null);
        }

        var cells = SizeCells.Of(series);
        var huber = new LawEstimator(cells.LogSizes, options.HuberDelta ?? HuberLoss.DefaultDelta);
        var coarse = options.AlphaGrid.Points(options.AlphaGrid.BootstrapStep);
        return (Robust(cells, huber.Power(cells, null)),
            series.Groups.Length >= 3 ? Robust(cells, huber.Saturating(cells, coarse, SeriesFitter.PointEstimateTolerance, null)) : null);
    }

    private static OtherFit? Robust(SizeCells cells, LawEstimate? fit) =>
        fit is { } f ? new OtherFit(f.Alpha, MadToSigma * MedianAbsoluteResidual(cells, f)) : null;

    private static double MedianAbsoluteResidual(SizeCells cells, LawEstimate fit)
    {
        var residuals = new List<double>();
        for (int j = 0; j < cells.Counts.Length; j++)
        {
            double predicted = fit.LogLossAt(cells.LogSizes[j]);
            foreach (double y in cells.LogLosses[j].AsSpan(0, cells.Counts[j]))
            {
                residuals.Add(Math.Abs(y - predicted));
            }
        }

        residuals.Sort();
        int middle = residuals.Count / 2;
        return residuals.Count % 2 == 1 ? residuals[middle] : (residuals[middle - 1] + residuals[middle]) / 2;
    }

    /// <summary>The other objective's α and, for a Huber fit, its robust residual scale 1.4826 · median |r|.</summary>
    private readonly record struct OtherFit(double Alpha, double RobustScale);
}
