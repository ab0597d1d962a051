using MathNet.Numerics.Distributions;

namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The power law's t-interval for α: the residual sum of squares over every cell (between the size means and within
/// each size), its standard error on n − 2 degrees of freedom, and α ± t·se. No interval with two cells or fewer.
/// <see cref="WithinSizeSumOfSquares"/> is the part of the RSS within sizes, which no law of N explains.
/// </summary>
internal readonly record struct PowerLawTInterval(
    double ResidualSumOfSquares, double WithinSizeSumOfSquares, double? StandardError, double? Low, double? High)
{
    public static PowerLawTInterval Of(SeriesData series, PowerLawEstimate power, double confidenceLevel)
    {
        int n = series.CellCount;
        double within = series.Groups.Sum(g => g.WithinSumOfSquares());
        double rss = power.BetweenSizeRss + within;
        if (n <= 2)
        {
            return new PowerLawTInterval(rss, within, null, null, null);
        }

        double standardError = Math.Sqrt(rss / (n - 2) / power.WeightedSxx);
        double t = StudentT.InvCDF(0, 1, n - 2, 0.5 + confidenceLevel / 2);
        return new PowerLawTInterval(rss, within, standardError, power.Alpha - t * standardError, power.Alpha + t * standardError);
    }
}
