namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The pairing of cross-optimizer comparisons: every series of a spectrum is resampled over the union of their seeds
/// per size with the same generator streams, so resample b of an optimizer and of the baseline draw the same seeds
/// (the same problems), and a paired statistic is formed resample by resample.
/// </summary>
internal static class PairedResamples
{
    /// <summary>The resampler all series of a spectrum share, or null when the bootstrap is off or no size has two seeds.</summary>
    public static ClusterResampler? Resampler(IEnumerable<SeriesData> series, FitOptions options)
    {
        var resampler = ClusterResampler.ForUnion(series, options.BootstrapSeed);
        return options.BootstrapResamples > 0 && resampler.CanVary ? resampler : null;
    }

    /// <summary>
    /// <paramref name="statistic"/>(optimizer[b], baseline[b]) for every resample b, NaN where either is not finite
    /// (or the statistic is undefined there): entry b stays resample b's, as <see cref="BootstrapInterval.For"/>
    /// needs, and the interval leaves the NaN out.
    /// </summary>
    public static double[] Combine(double[] optimizer, double[] baseline, Func<double, double, double> statistic)
    {
        var values = new double[optimizer.Length];
        for (int b = 0; b < optimizer.Length; b++)
        {
            values[b] = double.IsFinite(optimizer[b]) && double.IsFinite(baseline[b]) ? statistic(optimizer[b], baseline[b]) : double.NaN;
        }

        return values;
    }
}
