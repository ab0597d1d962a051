namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The cluster bootstrap of a Huber or fixed-exponent fit: each resample's cells (the same draws as the
/// least-squares bootstrap, <see cref="ClusterResampler.ResampleCells"/>) refitted by <see cref="LawEstimator"/>
/// under the options' objective and exponent. The saturating law with α fitted searches the coarse grid and polishes
/// to <see cref="ResampledFits.ResampleTolerance"/>, each profile started from the full data's solution at the same α;
/// with α fixed it starts from the full data's solution. Entry b depends only on b.
/// </summary>
internal static class LawEstimatorResamples
{
    public static ResampledFits Run(SeriesData series, ClusterResampler resampler, FitOptions options)
    {
        int resamples = Math.Max(options.BootstrapResamples, 0);
        var groupAt = resampler.Align(series);
        var fits = new ResampledFits(resamples, groupAt.Length);
        var dataMeans = ResampledFits.DataMeans(groupAt);
        var grid = options.AlphaGrid.Points(options.AlphaGrid.BootstrapStep);
        double? fixedAlpha = options.FixedAlpha;
        (double E, double A)[]? starts = null;
        if (series.Groups.Length >= 3)
        {
            var own = resampler.OwnCells(groupAt);
            var estimator = new LawEstimator(own.LogSizes, options.HuberDelta);
            starts = fixedAlpha is { } alpha
                ? [estimator.SaturatingAt(own, alpha) is { } at ? (at.E, at.A) : (0, 0)]
                : estimator.SaturatingGridSolutions(own, grid);
        }

        ResampleBlocks.Run(resamples, options, (from, to) =>
        {
            var cells = resampler.CellBuffers();
            var estimator = new LawEstimator(cells.LogSizes, options.HuberDelta);
            var means = new double[cells.Counts.Length];
            var weights = new double[cells.Counts.Length];
            for (int b = from; b < to; b++)
            {
                resampler.ResampleCells(groupAt, b, cells);
                cells.Reduce(default, null, means, weights);
                fits.RecordDeviations(b, means, weights, dataMeans);
                var power = estimator.Power(cells, fixedAlpha);
                fits.PowerAlpha[b] = power?.Alpha ?? double.NaN;
                fits.PowerCoefficient[b] = power?.A ?? double.NaN;

                var saturating = starts is null ? null
                    : fixedAlpha is { } alpha ? estimator.SaturatingAt(cells, alpha, starts[0].E, starts[0].A, linearStart: false)
                    : estimator.Saturating(cells, grid, ResampledFits.ResampleTolerance, starts);
                fits.SaturatingAlpha[b] = saturating?.Alpha ?? double.NaN;
                fits.SaturatingE[b] = saturating?.E ?? double.NaN;
                fits.SaturatingA[b] = saturating?.A ?? double.NaN;
            }
        });
        return fits;
    }
}
