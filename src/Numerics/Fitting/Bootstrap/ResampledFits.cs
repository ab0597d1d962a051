namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Both laws refitted on every resample of a <see cref="ClusterResampler"/>. Entry b of each array belongs to
/// resample b (NaN where the resample could not be fitted: fewer than 2 sizes for the power law, 3 for the
/// saturating law), so that paired statistics can be formed index by index. The saturating law uses the coarse α
/// grid (<see cref="AlphaGrid.BootstrapStep"/>) and a Brent polish to <see cref="ResampleTolerance"/>.
/// </summary>
internal sealed class ResampledFits
{
    /// <summary>Tolerance in α of the polish inside each resample.</summary>
    internal const double ResampleTolerance = 1e-6;

    private ResampledFits(int count)
    {
        PowerAlpha = new double[count];
        PowerCoefficient = new double[count];
        SaturatingAlpha = new double[count];
        SaturatingE = new double[count];
        SaturatingA = new double[count];
    }

    public double[] PowerAlpha { get; }

    public double[] PowerCoefficient { get; }

    public double[] SaturatingAlpha { get; }

    public double[] SaturatingE { get; }

    public double[] SaturatingA { get; }

    public static ResampledFits Run(SeriesData series, ClusterResampler resampler, FitOptions options)
    {
        int resamples = Math.Max(options.BootstrapResamples, 0);
        var fits = new ResampledFits(resamples);
        var groupAt = resampler.Align(series);
        int m = resampler.Sizes.Length;
        var logSizes = resampler.Sizes.Select(s => Math.Log(s)).ToArray();
        var means = new double[m];
        var weights = new double[m];
        bool saturating = series.Groups.Length >= 3;
        var fitter = saturating ? new SaturatingLawFitter(logSizes, means, weights) : null;
        var grid = options.AlphaGrid.Points(options.AlphaGrid.BootstrapStep);
        for (int b = 0; b < resamples; b++)
        {
            resampler.Resample(groupAt, b, means, weights);
            var power = PowerLawFitter.Fit(logSizes, means, weights);
            fits.PowerAlpha[b] = power?.Alpha ?? double.NaN;
            fits.PowerCoefficient[b] = power?.Coefficient ?? double.NaN;

            fits.SaturatingAlpha[b] = fits.SaturatingE[b] = fits.SaturatingA[b] = double.NaN;
            if (fitter is not null && weights.Count(w => w > 0) >= 3)
            {
                fitter.SetData(means, weights);
                var estimate = fitter.Fit(grid, ResampleTolerance);
                if (double.IsFinite(estimate.BetweenSizeObjective))
                {
                    fits.SaturatingAlpha[b] = estimate.Alpha;
                    fits.SaturatingE[b] = estimate.E;
                    fits.SaturatingA[b] = estimate.A;
                }
            }
        }

        return fits;
    }
}
