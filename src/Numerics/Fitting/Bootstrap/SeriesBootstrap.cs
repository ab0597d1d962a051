namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Cluster bootstrap of one series (seeds resampled within each size, from the series' own seeds, rescaled by
/// √(G/(G−1)): <see cref="ClusterResampler"/>) and its t-calibrated percentile intervals
/// (<see cref="BootstrapInterval"/>).
/// </summary>
internal static class SeriesBootstrap
{
    /// <summary>Null when the bootstrap is disabled or impossible (fewer than two sizes, or one seed at every size).</summary>
    /// <param name="series">The series.</param>
    /// <param name="options">The fit options.</param>
    /// <param name="cache">Where resampled fits are shared with the paired comparisons (null computes them here).</param>
    public static SeriesBootstrapResult? Run(SeriesData series, FitOptions options, ResampledFitsCache? cache = null)
    {
        var resampler = ClusterResampler.ForSeries(series, options.BootstrapSeed);
        if (options.BootstrapResamples <= 0 || series.Groups.Length < 2 || !resampler.CanVary)
        {
            return null;
        }

        var fits = cache?.Get(series, resampler, options) ?? ResampledFits.Run(series, resampler, options);
        PercentileInterval Interval(double[] values) => BootstrapInterval.For(values, [fits.Deviations], resampler, options.ConfidenceLevel);
        return new SeriesBootstrapResult(
            options.BootstrapResamples,
            fits.PowerAlpha.Count(double.IsFinite),
            Interval(fits.PowerAlpha),
            Interval(fits.PowerCoefficient),
            fits.SaturatingAlpha.Count(double.IsFinite),
            Interval(fits.SaturatingAlpha),
            Interval(fits.SaturatingE),
            Interval(fits.SaturatingA));
    }
}
