using MathNet.Numerics.Distributions;

namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The saturating law's extrapolation check. The refit on every size but the largest predicts
/// ŷ = ln(E + A·N_h^(−α)) at the held-out size N_h. Its uncertainty comes from the cluster bootstrap of the refit:
/// every resample of the refit's sizes (seeds drawn within each size, from the same generator streams as the series'
/// own bootstrap, rescaled as there) is refitted and predicts ŷ_b, and the bootstrap interval [q_lo, q_hi] of the ŷ_b
/// (<see cref="BootstrapInterval"/>) gives the prediction's half-widths ŷ − q_lo below and q_hi − ŷ above. The held-out size's own sampling spread is that of a
/// mean of its n_h seeds, t(d) · s_w / √n_h, with s_w² the refit's pooled within-size variance of log loss on d
/// degrees of freedom (cells minus sizes): pooled, because one size's few seeds say little about their spread, and
/// from the refit, because a prediction interval is built without the point it is to judge. The two parts are
/// independent (different cells) and are added in quadrature on each side, which is exact when both are normal.
/// </summary>
internal static class SaturatingLawHoldout
{
    /// <param name="series">The whole series; its largest size is held out.</param>
    /// <param name="refit">The series without its largest size.</param>
    /// <param name="refitEstimate">The saturating law's point estimate on <paramref name="refit"/>.</param>
    /// <param name="options">The fit options (bootstrap resamples and seed, confidence level).</param>
    public static HoldoutCheck? Check(SeriesData series, SeriesData refit, SaturatingLawEstimate refitEstimate, FitOptions options)
    {
        if (!double.IsFinite(refitEstimate.BetweenSizeObjective))
        {
            return null;
        }

        var heldOut = series.Groups[^1];
        double predicted = PredictedLog(refitEstimate.E, refitEstimate.A, refitEstimate.Alpha, heldOut.LogSize);
        if (BootstrapPredictions(refit, heldOut.LogSize, options) is not { Low: { } low, High: { } high }
            || SeedMeanHalfWidth(refit, heldOut.Count, options.ConfidenceLevel) is not { } spread)
        {
            return HoldoutCheck.WithoutInterval(heldOut, predicted);
        }

        double below = Math.Max(predicted - low, 0), above = Math.Max(high - predicted, 0);
        return HoldoutCheck.WithInterval(heldOut, predicted,
            Math.Sqrt(below * below + spread * spread), Math.Sqrt(above * above + spread * spread));
    }

    /// <summary>Bootstrap interval of the refit's predictions; null when the bootstrap is off or impossible.</summary>
    private static PercentileInterval? BootstrapPredictions(SeriesData refit, double logSize, FitOptions options)
    {
        var resampler = ClusterResampler.ForSeries(refit, options.BootstrapSeed);
        if (options.BootstrapResamples <= 0 || !resampler.CanVary)
        {
            return null;
        }

        var fits = ResampledFits.Run(refit, resampler, options);
        var predictions = new double[fits.SaturatingAlpha.Length];
        for (int b = 0; b < predictions.Length; b++)
        {
            // A resample that could not be fitted is NaN here and is dropped by the interval.
            predictions[b] = PredictedLog(fits.SaturatingE[b], fits.SaturatingA[b], fits.SaturatingAlpha[b], logSize);
        }

        return BootstrapInterval.For(predictions, [fits.Deviations], resampler, options.ConfidenceLevel);
    }

    /// <summary>t(d) · s_w / √n_h from the pooled within-size variance; null without within-size degrees of freedom.</summary>
    private static double? SeedMeanHalfWidth(SeriesData refit, int heldOutSeeds, double level)
    {
        int degreesOfFreedom = refit.CellCount - refit.Groups.Length;
        if (degreesOfFreedom <= 0)
        {
            return null;
        }

        double variance = refit.Groups.Sum(g => g.WithinSumOfSquares()) / degreesOfFreedom;
        return StudentT.InvCDF(0, 1, degreesOfFreedom, 0.5 + level / 2) * Math.Sqrt(variance / heldOutSeeds);
    }

    private static double PredictedLog(double e, double a, double alpha, double logSize) => Math.Log(e + a * Math.Exp(-alpha * logSize));
}
