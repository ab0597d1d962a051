using MathNet.Numerics.Distributions;

namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The bootstrap interval every fit reports: the percentile interval of the rescaled cluster-bootstrap resamples
/// (<see cref="ClusterResampler"/>), read at the tail probability of Student's t instead of the normal's. With ν
/// degrees of freedom and t = t_ν((1 + level)/2) the interval runs from the Φ(−t) to the Φ(t) quantile of the
/// resampled values: at level 0.95 and ν = 16 (8 sizes × 3 seeds, every size weighing alike) those are the 1.70% and
/// 98.30% quantiles. The rescaled resamples spread like a standard error that is itself estimated from the seeds;
/// reading them at t's tail makes up for that estimate as a t-interval does (Hesterberg's expanded percentile
/// interval, 2015). ν is the Welch–Satterthwaite value of the resamples (<see cref="SatterthwaiteDegreesOfFreedom"/>),
/// which counts only the seeds of the sizes that carry the value; where it cannot be formed, Σ (G_j − 1). The interval
/// keeps the percentile interval's asymmetry and its invariance under monotone maps, and tends to the plain
/// percentile interval as seeds grow.
/// </summary>
internal static class BootstrapInterval
{
    /// <summary>
    /// The interval of <paramref name="values"/> (entry b from resample b; non-finite ones left out), formed from the
    /// resamples of <paramref name="resampler"/>'s universe whose size-mean deviations are <paramref name="deviations"/>.
    /// </summary>
    public static PercentileInterval For(double[] values, IReadOnlyList<double[]> deviations, ClusterResampler resampler, double level)
    {
        double nu = SatterthwaiteDegreesOfFreedom.Of(values, deviations, resampler.SeedCounts);
        return Of([.. values], level, double.IsFinite(nu) ? nu : resampler.DegreesOfFreedom);
    }

    /// <summary>The interval of <paramref name="values"/> (non-finite ones ignored) with ν = <paramref name="degreesOfFreedom"/>.</summary>
    public static PercentileInterval Of(List<double> values, double level, double degreesOfFreedom) =>
        PercentileInterval.Of(values, PercentileLevel(level, degreesOfFreedom));

    /// <summary>The central fraction of the resamples the interval spans: 2Φ(t_ν((1 + level)/2)) − 1 (level itself for ν &lt; 1).</summary>
    public static double PercentileLevel(double level, double degreesOfFreedom)
    {
        if (!(degreesOfFreedom >= 1))
        {
            return level;
        }

        double t = StudentT.InvCDF(0, 1, degreesOfFreedom, (1 + level) / 2);
        return 2 * Normal.CDF(0, 1, t) - 1;
    }
}
