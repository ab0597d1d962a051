namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Both laws refitted on every resample of an <see cref="IResampleSource"/> (the product's is the
/// <see cref="ClusterResampler"/>). Entry b of each array belongs to resample b (NaN where the resample could not be
/// fitted: fewer than 2 sizes for the power law, 3 for the saturating law), so that paired statistics can be formed
/// index by index. Each resample's deviations of the size means from the data's are kept too, for
/// <see cref="SatterthwaiteDegreesOfFreedom"/>. The saturating law uses the coarse α grid
/// (<see cref="AlphaGrid.BootstrapStep"/>) and a Brent polish to <see cref="ResampleTolerance"/>.
/// </summary>
internal sealed class ResampledFits
{
    /// <summary>Tolerance in α of the polish inside each resample.</summary>
    internal const double ResampleTolerance = 1e-6;

    internal ResampledFits(int count, int sizes)
    {
        SizeCount = sizes;
        Deviations = new double[count * sizes];
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

    /// <summary>Universe sizes: the stride of <see cref="Deviations"/>.</summary>
    public int SizeCount { get; }

    /// <summary>
    /// Entry b·<see cref="SizeCount"/> + j: resample b's mean log loss at universe size j minus the data's (0 where the
    /// series has nothing there or nothing was drawn).
    /// </summary>
    public double[] Deviations { get; }

    /// <summary>The data's mean log loss at each universe size (0 where the series has none).</summary>
    internal static double[] DataMeans(SizeGroup?[] groupAt) => groupAt.Select(g => g?.MeanLogLoss() ?? 0).ToArray();

    /// <summary>Stores resample b's deviations of <paramref name="means"/> from <paramref name="dataMeans"/>.</summary>
    internal void RecordDeviations(int resample, ReadOnlySpan<double> means, ReadOnlySpan<double> weights, double[] dataMeans)
    {
        for (int j = 0; j < SizeCount; j++)
        {
            Deviations[resample * SizeCount + j] = weights[j] > 0 ? means[j] - dataMeans[j] : 0;
        }
    }

    /// <summary>
    /// Fits every resample, in blocks of resamples (<see cref="ResampleBlocks"/>): entry b depends only on b. A Huber
    /// or fixed-exponent fit (<see cref="LawEstimator.Applies"/>) refits each resample with <see cref="LawEstimatorResamples"/>.
    /// </summary>
    public static ResampledFits Run(SeriesData series, IResampleSource resampler, FitOptions options)
    {
        if (LawEstimator.Applies(options))
        {
            return LawEstimatorResamples.Run(series, resampler as ClusterResampler
                ?? throw new ArgumentException("A Huber or fixed-exponent refit resamples cells: it needs the cluster resampler.", nameof(resampler)), options);
        }

        int resamples = Math.Max(options.BootstrapResamples, 0);
        var groupAt = resampler.Align(series);
        var fits = new ResampledFits(resamples, groupAt.Length);
        var logSizes = resampler.Sizes.Select(s => Math.Log(s)).ToArray();
        var grid = options.AlphaGrid.Points(options.AlphaGrid.BootstrapStep);
        bool saturating = series.Groups.Length >= 3;
        var starts = saturating ? FullDataGridSolutions(groupAt, logSizes, grid) : null;
        ResampleBlocks.Run(resamples, options, (from, to) => fits.RunBlock(from, to, groupAt, resampler, logSizes, grid, starts));
        return fits;
    }

    /// <summary>
    /// The saturating law's (E, A) on the full data at each coarse grid point: a resample's data are close to the
    /// full data, so these start each resample's inner problems a Newton step or two from their solutions.
    /// </summary>
    private static (double E, double A)[] FullDataGridSolutions(SizeGroup?[] groupAt, double[] logSizes, double[] grid)
    {
        var means = DataMeans(groupAt);
        var weights = groupAt.Select(g => (double)(g?.Count ?? 0)).ToArray();
        return new SaturatingLawFitter(logSizes, means, weights).GridSolutions(grid);
    }

    private void RunBlock(int from, int to, SizeGroup?[] groupAt, IResampleSource resampler, double[] logSizes, double[] grid,
        (double E, double A)[]? starts)
    {
        var means = new double[logSizes.Length];
        var weights = new double[logSizes.Length];
        var fitter = starts is not null ? new SaturatingLawFitter(logSizes, means, weights) : null;
        var dataMeans = DataMeans(groupAt);
        for (int b = from; b < to; b++)
        {
            resampler.Resample(groupAt, b, means, weights);
            RecordDeviations(b, means, weights, dataMeans);
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
