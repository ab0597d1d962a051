using MathNet.Numerics.Distributions;
using Orchestrator.Numerics.Fitting;

namespace Orchestrator.FitCoverage;

/// <summary>
/// The candidate intervals, each a function of one quantity's samples. ν = Σ over sizes of (G − 1) within-size
/// degrees of freedom, t = t_ν((1 + level)/2), z = Φ⁻¹((1 + level)/2), k = √(G/(G−1)).
/// </summary>
internal static class Candidates
{
    public static readonly string[] Names =
    [
        "plain percentile (old)",
        "plain, estimate ± t·k·sd",
        "plain percentile widened k·t/z",
        "rescaled percentile",
        "rescaled, t-expanded, ν = Σ(G−1)",
        "rescaled, t-expanded, Satterthwaite ν, common variance",
        "rescaled, t-expanded, Satterthwaite ν from the resamples",
        "rescaled, estimate ± t·sd",
        "wild (Webb), t-expanded, ν = Σ(G−1)",
        "bootstrap-t (plain, Gauss–Newton se)",
        "product",
    ];

    public static Interval[] For(QuantitySamples q, int degreesOfFreedom, int seedsPerSize, double level)
    {
        var intervals = new Interval[Names.Length];
        Array.Fill(intervals, Interval.Undefined);
        intervals[^1] = q.Product;
        if (q.Plain is null || q.Rescaled is null || q.Wild is null)
        {
            return intervals;
        }

        double t = StudentT.InvCDF(0, 1, degreesOfFreedom, (1 + level) / 2);
        double z = Normal.InvCDF(0, 1, (1 + level) / 2);
        double k = Math.Sqrt(seedsPerSize / (seedsPerSize - 1.0));
        double expanded = BootstrapInterval.PercentileLevel(level, degreesOfFreedom);

        var plain = Percentile(q.Plain, level);
        intervals[0] = plain;
        intervals[1] = Symmetric(q.Estimate, t * k * StandardDeviation(q.Plain));
        intervals[2] = new Interval(q.Estimate - k * t / z * (q.Estimate - plain.Low), q.Estimate + k * t / z * (plain.High - q.Estimate));
        intervals[3] = Percentile(q.Rescaled, level);
        intervals[4] = Percentile(q.Rescaled, expanded);
        intervals[5] = Expanded(q.Rescaled, q.CommonVarianceNu, level);
        intervals[6] = Expanded(q.Rescaled, q.ResampleNu, level);
        intervals[7] = Symmetric(q.Estimate, t * StandardDeviation(q.Rescaled));
        intervals[8] = Percentile(q.Wild, expanded);
        intervals[9] = q.Studentized;
        return intervals;
    }

    private static Interval Expanded(double[] samples, double nu, double level) =>
        double.IsFinite(nu) ? Percentile(samples, BootstrapInterval.PercentileLevel(level, nu)) : Interval.Undefined;

    private static Interval Percentile(double[] samples, double level)
    {
        var interval = PercentileInterval.Of([.. samples], level);
        return Interval.From(interval.Low, interval.High);
    }

    private static Interval Symmetric(double center, double halfWidth) => new(center - halfWidth, center + halfWidth);

    private static double StandardDeviation(double[] samples)
    {
        var finite = samples.Where(double.IsFinite).ToArray();
        if (finite.Length < 2)
        {
            return double.NaN;
        }

        double mean = finite.Average();
        return Math.Sqrt(finite.Sum(x => (x - mean) * (x - mean)) / (finite.Length - 1));
    }
}
