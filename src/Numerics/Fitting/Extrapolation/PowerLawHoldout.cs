using MathNet.Numerics.Distributions;

namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The power law's extrapolation check. The refit is the OLS of log L on log N over the cells of every size but
/// the largest; the interval is the classical OLS prediction interval for the mean of the held-out size's n_h seeds:
/// ŷ ± t(n − 2) · s · √(1/n_h + 1/n + (x_h − x̄)² / Sxx), with n the refit's cells, s² its residual sum of squares
/// (between and within sizes) over n − 2, x̄ its cell-weighted mean log size and Sxx the cell-weighted sum of squares
/// of log size about it. The 1/n_h term is the spread of the held-out size's own seed mean.
/// </summary>
internal static class PowerLawHoldout
{
    /// <summary>Null with fewer than <see cref="ExtrapolationChecks.PowerMinimumSizes"/> sizes.</summary>
    public static HoldoutCheck? Check(SeriesData series, FitOptions options)
    {
        if (series.Groups.Length < ExtrapolationChecks.PowerMinimumSizes)
        {
            return null;
        }

        var refit = series.Smallest(series.Groups.Length - 1);
        var heldOut = series.Groups[^1];
        if (PowerLawFitter.Fit(refit) is not { } power)
        {
            return null;
        }

        double predicted = power.LogCoefficient - power.Alpha * heldOut.LogSize;
        int n = refit.CellCount;
        if (n <= 2)
        {
            return HoldoutCheck.WithoutInterval(heldOut, predicted);
        }

        double residualVariance = (power.BetweenSizeRss + refit.Groups.Sum(g => g.WithinSumOfSquares())) / (n - 2);
        double meanLogSize = refit.Groups.Sum(g => g.Count * g.LogSize) / n;
        double offset = heldOut.LogSize - meanLogSize;
        double standardError = Math.Sqrt(residualVariance * (1.0 / heldOut.Count + 1.0 / n + offset * offset / power.WeightedSxx));
        double halfWidth = StudentT.InvCDF(0, 1, n - 2, 0.5 + options.ConfidenceLevel / 2) * standardError;
        return HoldoutCheck.WithInterval(heldOut, predicted, halfWidth, halfWidth);
    }
}
