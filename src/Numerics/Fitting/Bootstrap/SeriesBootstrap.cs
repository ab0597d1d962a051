namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Cluster bootstrap of one series: in each resample, the seeds of every size are drawn with replacement (as many
/// draws as the size has seeds) from the generator stream of (bootstrap seed, resample, size), and both laws are
/// refitted on the resampled size means. The saturating law uses the coarse α grid of <see cref="AlphaGrid"/> plus
/// the golden-section polish (to 1e-6 in α) in each resample, which keeps a thousand resamples cheap.
/// </summary>
internal static class SeriesBootstrap
{
    /// <summary>Tolerance in α of the polish inside each resample.</summary>
    internal const double ResampleTolerance = 1e-6;

    /// <summary>Null when the bootstrap is disabled or impossible (fewer than two sizes, or one seed at every size).</summary>
    public static SeriesBootstrapResult? Run(SeriesData series, FitOptions options)
    {
        var groups = series.Groups;
        int resamples = options.BootstrapResamples;
        if (resamples <= 0 || groups.Length < 2 || groups.All(g => g.Count == 1))
        {
            return null;
        }

        var points = SizePoints.Of(series);
        var means = new double[groups.Length];
        bool saturating = groups.Length >= 3;
        var fitter = saturating ? new SaturatingLawFitter(points.LogSizes, points.MeanLogLoss, points.Weights) : null;
        var grid = options.AlphaGrid.Points(options.AlphaGrid.BootstrapStep);

        var powerAlpha = new List<double>(resamples);
        var powerCoefficient = new List<double>(resamples);
        var satAlpha = new List<double>(resamples);
        var satE = new List<double>(resamples);
        var satA = new List<double>(resamples);
        for (int b = 0; b < resamples; b++)
        {
            for (int g = 0; g < groups.Length; g++)
            {
                means[g] = ResampledMean(groups[g], options.BootstrapSeed, b);
            }

            if (PowerLawFitter.Fit(points.LogSizes, means, points.Weights) is { } power)
            {
                powerAlpha.Add(power.Alpha);
                powerCoefficient.Add(power.Coefficient);
            }

            if (fitter is not null)
            {
                fitter.SetData(means, points.Weights);
                var estimate = fitter.Fit(grid, ResampleTolerance);
                if (double.IsFinite(estimate.BetweenSizeObjective))
                {
                    satAlpha.Add(estimate.Alpha);
                    satE.Add(estimate.E);
                    satA.Add(estimate.A);
                }
            }
        }

        double level = options.ConfidenceLevel;
        return new SeriesBootstrapResult(
            resamples,
            powerAlpha.Count,
            PercentileInterval.Of(powerAlpha, level),
            PercentileInterval.Of(powerCoefficient, level),
            satAlpha.Count,
            PercentileInterval.Of(satAlpha, level),
            PercentileInterval.Of(satE, level),
            PercentileInterval.Of(satA, level));
    }

    private static double ResampledMean(SizeGroup group, ulong seed, int resample)
    {
        var rng = SplitMix64.ForCell(seed, resample, group.Size);
        int n = group.Count;
        double sum = 0;
        for (int k = 0; k < n; k++)
        {
            sum += group.LogLosses[rng.NextInt(n)];
        }

        return sum / n;
    }
}
