namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Cluster bootstrap of one series (seeds resampled within each size, from the series' own seeds) and its
/// percentile intervals.
/// </summary>
internal static class SeriesBootstrap
{
    /// <summary>Null when the bootstrap is disabled or impossible (fewer than two sizes, or one seed at every size).</summary>
    public static SeriesBootstrapResult? Run(SeriesData series, FitOptions options)
    {
        var resampler = ClusterResampler.ForSeries(series, options.BootstrapSeed);
        if (options.BootstrapResamples <= 0 || series.Groups.Length < 2 || !resampler.CanVary)
        {
            return null;
        }

        var fits = ResampledFits.Run(series, resampler, options);
        double level = options.ConfidenceLevel;
        return new SeriesBootstrapResult(
            options.BootstrapResamples,
            fits.PowerAlpha.Count(double.IsFinite),
            PercentileInterval.Of([.. fits.PowerAlpha], level),
            PercentileInterval.Of([.. fits.PowerCoefficient], level),
            fits.SaturatingAlpha.Count(double.IsFinite),
            PercentileInterval.Of([.. fits.SaturatingAlpha], level),
            PercentileInterval.Of([.. fits.SaturatingE], level),
            PercentileInterval.Of([.. fits.SaturatingA], level));
    }
}
