namespace Orchestrator.Numerics.Fitting;

/// <summary>A two-sided percentile interval; null ends when there were no finite values.</summary>
internal readonly record struct PercentileInterval(double? Low, double? High)
{
    /// <summary>
    /// The (1 ± level)/2 quantiles of the finite values, by linear interpolation between order statistics
    /// (Hyndman–Fan type 7). Sorts <paramref name="values"/> in place.
    /// </summary>
    public static PercentileInterval Of(List<double> values, double level)
    {
        values.RemoveAll(v => !double.IsFinite(v));
        if (values.Count == 0)
        {
            return new PercentileInterval(null, null);
        }

        values.Sort();
        return new PercentileInterval(Quantile(values, (1 - level) / 2), Quantile(values, (1 + level) / 2));
    }

    private static double Quantile(List<double> sorted, double p)
    {
        double h = (sorted.Count - 1) * p;
        int below = (int)Math.Floor(h);
        int above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }
}
