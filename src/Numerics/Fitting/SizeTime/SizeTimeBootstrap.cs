namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Cluster bootstrap of the size × time law: in resample b, at each size, the seeds are drawn with replacement from
/// the same generator stream as the size laws' bootstrap (<see cref="ClusterResampler"/>), and a drawn seed brings its
/// whole curve, so the correlation along a curve is kept. Each resample is polished from the point estimate
/// (<see cref="SizeTimeLawFitter.Polish"/>) to <see cref="ResampleTolerance"/>. Every size keeps its weight in every
/// resample. Entry b of each array belongs to resample b (NaN where it could not be fitted) and depends only on b, so
/// the result is the same for any number of workers (<see cref="ResampleBlocks"/>).
/// </summary>
internal sealed class SizeTimeBootstrap
{
    /// <summary>Tolerance in the exponents of the polish inside each resample.</summary>
    internal const double ResampleTolerance = 1e-6;

    private SizeTimeBootstrap(int count)
    {
        Alpha = new double[count];
        Beta = new double[count];
        E = new double[count];
        A = new double[count];
        B = new double[count];
    }

    public double[] Alpha { get; }

    public double[] Beta { get; }

    public double[] E { get; }

    public double[] A { get; }

    public double[] B { get; }

    /// <summary>Resamples that gave an estimate.</summary>
    public int Valid => Alpha.Count(double.IsFinite);

    /// <summary>Null when the bootstrap is disabled or impossible (one seed at every size).</summary>
    public static SizeTimeBootstrap? Run(SizeTimeData data, SizeTimeLawEstimate estimate, bool alphaFree, bool betaFree, FitOptions options)
    {
        int resamples = options.BootstrapResamples;
        var resampler = data.Resampler(options.BootstrapSeed);
        if (resamples <= 0 || !resampler.CanVary || !double.IsFinite(estimate.Objective))
        {
            return null;
        }

        var fits = new SizeTimeBootstrap(resamples);
        ResampleBlocks.Run(resamples, options,
            (from, to) => fits.RunBlock(from, to, data, resampler, estimate, alphaFree, betaFree, options));
        return fits;
    }

    private void RunBlock(int from, int to, SizeTimeData data, ClusterResampler resampler, SizeTimeLawEstimate estimate,
        bool alphaFree, bool betaFree, FitOptions options)
    {
        int points = data.LogSizes.Length;
        var logLoss = new double[points];
        var weights = new double[points];
        var counts = new int[data.Seeds.Max(s => s.Length)];
        var fitter = SizeTimeFitter.CreateFitter(data, options);
        for (int b = from; b < to; b++)
        {
            Alpha[b] = Beta[b] = E[b] = A[b] = B[b] = double.NaN;
            data.Resample(resampler, b, counts, logLoss, weights);
            fitter.SetData(logLoss, weights);
            var fit = fitter.Polish(estimate.Alpha, estimate.Beta, estimate.Objective, estimate.Coefficients, alphaFree, betaFree,
                ResampleTolerance, linearStart: false);
            if (double.IsFinite(fit.Objective))
            {
                (Alpha[b], Beta[b], E[b], A[b], B[b]) = (fit.Alpha, fit.Beta, fit.Coefficients.E, fit.Coefficients.A, fit.Coefficients.B);
            }
        }
    }
}
