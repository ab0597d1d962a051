using MathNet.Numerics.Distributions;
using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Numerics.Design;

/// <summary>
/// The power law's α and its Student-t interval for one series, computed exactly as the product's least-squares fit
/// computes them (<see cref="ScalingLawAnalysis.FitSeries"/> with no fixed α and no Huber loss): the same series data
/// (best loss over learning rates, diverged and non-positive cells left out), the OLS over size means weighted by
/// seed counts, the residual sum of squares between and within sizes, and the t quantile with n − 2 degrees of
/// freedom. <see cref="Low"/>, <see cref="High"/> and therefore <see cref="Width"/> equal the fit's
/// <c>AlphaCiLow</c>, <c>AlphaCiHigh</c> and their difference bit for bit; the design's target refers to that width.
/// </summary>
/// <param name="CellCount">Usable (size, seed) cells, n.</param>
/// <param name="WeightedSxx">Σ over cells of (ln N − mean ln N)²: α's variance is <see cref="ResidualVariance"/> / this.</param>
/// <param name="ResidualVariance">RSS / (n − 2), the residual variance of ln L.</param>
/// <param name="BetweenSizeRss">The part of the RSS between the size means and the line (weighted by seed counts).</param>
/// <param name="WithinSizeSumOfSquares">The part within sizes: Σ (ln L − its size's mean)², which no law of N explains.</param>
public sealed record PowerLawInterval(
    double Alpha,
    double StandardError,
    double Low,
    double High,
    int CellCount,
    int SizeCount,
    double WeightedSxx,
    double ResidualVariance,
    double BetweenSizeRss,
    double WithinSizeSumOfSquares)
{
    /// <summary>High − low.</summary>
    public double Width => High - Low;

    /// <summary>
    /// The lack-of-fit test of the power law's form: the p-value of F = (between-size RSS / (k − 2)) / (within-size
    /// SS / (n − k)) on (k − 2, n − k) degrees of freedom, k sizes; small when the size means bend away from a line
    /// in log-log by more than the seed-to-seed scatter explains. Null with fewer than three sizes, no repeated seeds,
    /// or no scatter within sizes.
    /// </summary>
    public double? LackOfFitPValue
    {
        get
        {
            int betweenDegrees = SizeCount - 2, withinDegrees = CellCount - SizeCount;
            if (betweenDegrees < 1 || withinDegrees < 1 || !(WithinSizeSumOfSquares > 0))
            {
                return null;
            }

            double f = BetweenSizeRss / betweenDegrees / (WithinSizeSumOfSquares / withinDegrees);
            return 1 - FisherSnedecor.CDF(betweenDegrees, withinDegrees, f);
        }
    }

    /// <summary>
    /// The interval of <paramref name="optimizer"/> at <paramref name="spectrum"/> from <paramref name="observations"/>
    /// (others are ignored) at two-sided <paramref name="confidenceLevel"/>; null where the fit has no t-interval
    /// (fewer than two sizes, or three cells).
    /// </summary>
    public static PowerLawInterval? Fit(string optimizer, double spectrum, IEnumerable<Observation> observations, double confidenceLevel)
    {
        var series = SeriesData.Build(optimizer, spectrum, observations);
        if (series.Groups.Length < 2 || PowerLawFitter.Fit(series) is not { } power)
        {
            return null;
        }

        // The product's power-law fit's own interval, so the numbers agree to the bit.
        var interval = PowerLawTInterval.Of(series, power, confidenceLevel);
        if (interval is not { StandardError: { } standardError, Low: { } low, High: { } high }
            || !double.IsFinite(low) || !double.IsFinite(high))
        {
            return null;
        }

        int n = series.CellCount;
        return new PowerLawInterval(power.Alpha, standardError, low, high, n, series.Groups.Length, power.WeightedSxx,
            interval.ResidualSumOfSquares / (n - 2), power.BetweenSizeRss, interval.WithinSizeSumOfSquares);
    }
}
