using MathNet.Numerics.Distributions;

namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The power law's t-interval for α: the residual sum of squares over every cell (between the size means and within
/// each size), its standard error on n − 2 degrees of freedom, and α ± t·se. No interval with two cells or fewer.
/// </summary>
internal readonly record struct PowerLawTInterval(double ResidualSumOfSquares, double? StandardError, double? Low, double? High)
{
    public static PowerLawTInterval Of(SeriesData series, PowerLawEstimate power, double confidenceLevel)
    {
        int n = series.CellCount;
        double rss = power.BetweenSizeRss + series.Groups.Sum(g => g.WithinSumOfSquares());
        if (n <= 2)
        {
            return new PowerLawTInterval(rss, null, null, null);
        }

        double standardError = Math.Sqrt(rss / (n - 2) / power.WeightedSxx);
        double t = StudentT.InvCDF(0, 1, n - 2, 0.5 + confidenceLevel / 2);
        return new PowerLawTInterval(rss, standardError, power.Alpha - t * standardError, power.Alpha + t * standardError);
    }
}
