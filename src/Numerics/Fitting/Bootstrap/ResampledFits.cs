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

    /// <summary>
    /// Fits every resample. Resamples are split into contiguous blocks, one per worker (at most
    /// <see cref="FitOptions.MaxDegreeOfParallelism"/>), each with its own buffers; entry b depends only on b, so the
    /// result is the same for any number of workers.
    /// </summary>
    public static ResampledFits Run(SeriesData series, ClusterResampler resampler, FitOptions options)
    {
        int resamples = Math.Max(options.BootstrapResamples, 0);
        var fits = new ResampledFits(resamples);
        var groupAt = resampler.Align(series);
        var logSizes = resampler.Sizes.Select(s => Math.Log(s)).ToArray();
        var grid = options.AlphaGrid.Points(options.AlphaGrid.BootstrapStep);
        bool saturating = series.Groups.Length >= 3;
        var starts = saturating ? FullDataGridSolutions(groupAt, logSizes, grid) : null;
        ResampleBlocks.Run(resamples, options.MaxDegreeOfParallelism,
            (from, to) => fits.RunBlock(from, to, groupAt, resampler, logSizes, grid, starts));
        return fits;
    }

    /// <summary>
    /// The saturating law's (E, A) on the full data at each coarse grid point: a resample's data are close to the
    /// full data, so these start each resample's inner problems a Newton step or two from their solutions.
    /// </summary>
    private static (double E, double A)[] FullDataGridSolutions(SizeGroup?[] groupAt, double[] logSizes, double[] grid)
    {
        var means = groupAt.Select(g => g?.MeanLogLoss() ?? 0).ToArray();
        var weights = groupAt.Select(g => (double)(g?.Count ?? 0)).ToArray();
        return new SaturatingLawFitter(logSizes, means, weights).GridSolutions(grid);
    }

    private void RunBlock(int from, int to, SizeGroup?[] groupAt, ClusterResampler resampler, double[] logSizes, double[] grid,
        (double E, double A)[]? starts)
    {
        var means = new double[logSizes.Length];
        var weights = new double[logSizes.Length];
        var fitter = starts is not null ? new SaturatingLawFitter(logSizes, means, weights) : null;
        for (int b = from; b < to; b++)
        {
            resampler.Resample(groupAt, b, means, weights);
            var power = PowerLawFitter.Fit(logSizes, means, weights);
            PowerAlpha[b] = power?.Alpha ?? double.NaN;
            PowerCoefficient[b] = power?.Coefficient ?? double.NaN;

            SaturatingAlpha[b] = SaturatingE[b] = SaturatingA[b] = double.NaN;
            if (fitter is not null && weights.Count(w => w > 0) >= 3)
            {
                fitter.SetData(means, weights);
                var estimate = fitter.Fit(grid, ResampleTolerance, starts);
                if (double.IsFinite(estimate.BetweenSizeObjective))
                {
                    SaturatingAlpha[b] = estimate.Alpha;
                    SaturatingE[b] = estimate.E;
                    SaturatingA[b] = estimate.A;
                }
            }
        }
    }
}
