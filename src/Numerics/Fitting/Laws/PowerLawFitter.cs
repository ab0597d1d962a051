namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// OLS of log L on log N. Every seed is a point; since all seeds of a size share log N, the OLS over cells equals
/// the OLS over size means weighted by seed counts, which is what is computed (the within-size scatter only adds
/// to the residual sum of squares). Sums are centred first, so the result is stable for any size range.
/// </summary>
internal static class PowerLawFitter
{
    /// <summary>Weighted OLS over size means; null when fewer than two distinct sizes carry weight.</summary>
    public static PowerLawEstimate? Fit(ReadOnlySpan<double> logSizes, ReadOnlySpan<double> meanLogLoss, ReadOnlySpan<double> weights)
    {
        double sw = 0, sx = 0, sy = 0;
        int used = 0;
        for (int i = 0; i < logSizes.Length; i++)
        {
            if (weights[i] > 0)
            {
                sw += weights[i];
                sx += weights[i] * logSizes[i];
                sy += weights[i] * meanLogLoss[i];
                used++;
            }
        }

        if (used < 2)
        {
            return null;
        }

        double xBar = sx / sw, yBar = sy / sw;
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < logSizes.Length; i++)
        {
            double dx = logSizes[i] - xBar, dy = meanLogLoss[i] - yBar;
            sxx += weights[i] * dx * dx;
            sxy += weights[i] * dx * dy;
            syy += weights[i] * dy * dy;
        }

        if (!(sxx > 0))
        {
            return null;
        }

        double slope = sxy / sxx;
        double rss = Math.Max(0, syy - slope * sxy);
        return new PowerLawEstimate(-slope, yBar - slope * xBar, rss, sxx);
    }

    public static PowerLawEstimate? Fit(SeriesData series)
    {
        var points = SizePoints.Of(series);
        return Fit(points.LogSizes, points.MeanLogLoss, points.Weights);
    }
}
