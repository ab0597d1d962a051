namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The coefficients of every series of a spectrum refitted on each paired resample (<see cref="PairedResamples"/>)
/// at that resample's exponent: the fixed α, or the shared α re-estimated from the resample, so that the intervals
/// include the exponent's own uncertainty. The shared α of a resample is the least-squares slope common to the pooled
/// series, Σ α_k·Sxx_k / Σ Sxx_k over each one's weighted log–log fit of its resampled size means, as in
/// <see cref="SharedExponentTester"/>. Entry b of each array belongs to resample b (NaN where undefined), and
/// <see cref="Deviations"/> keeps each resample's size-mean deviations, as <see cref="ResampledFits.Deviations"/> does.
/// </summary>
internal sealed class CoefficientResamples
{
    private CoefficientResamples(int count, int sizes)
    {
        Deviations = new double[count * sizes];
        PowerA = new double[count];
        SaturatingE = new double[count];
        SaturatingA = new double[count];
    }

    public double[] PowerA { get; }

    public double[] SaturatingE { get; }

    public double[] SaturatingA { get; }

    /// <summary>Entry b·sizes + j: resample b's mean log loss at universe size j minus the data's (0 where none).</summary>
    public double[] Deviations { get; }

    /// <param name="series">The spectrum's series.</param>
    /// <param name="resampler">Their shared resampler.</param>
    /// <param name="pooled">Which of <paramref name="series"/> the shared α pools (ignored with a fixed α).</param>
    /// <param name="saturatingStarts">Each series' saturating (E, A) on the full data, where its saturating law is fitted; null elsewhere.</param>
    /// <param name="options">Objective, fixed α, resample count and parallelism.</param>
    public static CoefficientResamples[] Run(IReadOnlyList<SeriesData> series, ClusterResampler resampler, bool[] pooled,
        (double E, double A)?[] saturatingStarts, FitOptions options)
    {
        int resamples = Math.Max(options.BootstrapResamples, 0);
        int sizes = resampler.Sizes.Length;
        var results = series.Select(_ => new CoefficientResamples(resamples, sizes)).ToArray();
        var groupAt = series.Select(resampler.Align).ToArray();
        var dataMeans = groupAt.Select(ResampledFits.DataMeans).ToArray();
        ResampleBlocks.Run(resamples, options, (from, to) =>
        {
            var cells = series.Select(_ => resampler.CellBuffers()).ToArray();
            var estimator = new LawEstimator(cells[0].LogSizes, options.HuberDelta);
            var means = new double[resampler.Sizes.Length];
            var weights = new double[resampler.Sizes.Length];
            for (int b = from; b < to; b++)
            {
                for (int k = 0; k < series.Count; k++)
                {
                    resampler.ResampleCells(groupAt[k], b, cells[k]);
                    cells[k].Reduce(default, null, means, weights);
                    for (int j = 0; j < sizes; j++)
                    {
                        results[k].Deviations[b * sizes + j] = weights[j] > 0 ? means[j] - dataMeans[k][j] : 0;
                    }
                }

                double alpha = options.FixedAlpha ?? SharedAlpha(cells, pooled, means, weights);
                for (int k = 0; k < series.Count; k++)
                {
                    var power = double.IsFinite(alpha) ? estimator.Power(cells[k], alpha) : null;
                    var saturating = double.IsFinite(alpha) && saturatingStarts[k] is { } start
                        ? estimator.SaturatingAt(cells[k], alpha, start.E, start.A, linearStart: false)
                        : null;
                    results[k].PowerA[b] = power?.A ?? double.NaN;
                    results[k].SaturatingE[b] = saturating?.E ?? double.NaN;
                    results[k].SaturatingA[b] = saturating?.A ?? double.NaN;
                }
            }
        });
        return results;
    }

    /// <summary>The least-squares slope common to the pooled series' resampled cells (NaN when none has two sizes).</summary>
    private static double SharedAlpha(SizeCells[] cells, bool[] pooled, double[] means, double[] weights)
    {
        double weightedAlpha = 0, sxx = 0;
        for (int k = 0; k < cells.Length; k++)
        {
            if (!pooled[k])
            {
                continue;
            }

            cells[k].Reduce(default, null, means, weights);
            if (PowerLawFitter.Fit(cells[k].LogSizes, means, weights) is { } fit)
            {
                weightedAlpha += fit.Alpha * fit.WeightedSxx;
                sxx += fit.WeightedSxx;
            }
        }

        return sxx > 0 ? weightedAlpha / sxx : double.NaN;
    }
}
