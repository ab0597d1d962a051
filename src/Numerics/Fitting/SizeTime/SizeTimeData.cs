namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// A series' loss curves as the size × time law is fitted on them: the cells the size laws use (best learning rate
/// per size and seed where there is a learning-rate axis), each curve placed in dynamical time τ = η·t with the
/// learning rate η its run used. Points are pooled per (size, τ): seeds that share a τ share a point, whose value is
/// their mean log loss and whose weight is their count, which is exact for the sum of squared log residuals (the
/// scatter around each point's mean is added to the residual sum). The result does not depend on the order of the
/// observations.
/// <para>
/// What a curve contributes: its points at steps t ≥ <see cref="EarliestFraction"/> × its last step (and t ≥ 1)
/// with a finite, positive loss. Step 0 has τ = 0, where B·τ^-β has no value; the first steps of a run are the
/// transient from the initialisation, where the loss still sits near its starting value and no power of τ describes
/// it, so the cut keeps the last two decades of each curve (all of a curve of 100 steps or fewer), which is enough
/// to pin β and is where the law is meant to hold. A cell without a curve, or whose run has no finite positive η,
/// contributes nothing.
/// </para>
/// </summary>
internal sealed class SizeTimeData
{
    /// <summary>Curve points before this fraction of the cell's last step are left out (see the class summary).</summary>
    public const double EarliestFraction = 0.01;

    private readonly int[][] _seedPointStart;
    private readonly int[] _rawPoint;
    private readonly double[] _rawLogLoss;

    private SizeTimeData(SeriesData series, int[] sizes, int[][] seeds, int[][] seedPointStart, int[] rawPoint, double[] rawLogLoss,
        double[] logSizes, double[] logTaus, int[] pointSize)
    {
        Series = series;
        Sizes = sizes;
        Seeds = seeds;
        _seedPointStart = seedPointStart;
        _rawPoint = rawPoint;
        _rawLogLoss = rawLogLoss;
        LogSizes = logSizes;
        LogTaus = logTaus;
        PointSize = pointSize;
        LogLoss = new double[logSizes.Length];
        Weights = new double[logSizes.Length];
        var ones = new int[seeds.Length == 0 ? 0 : seeds.Max(s => s.Length)];
        Array.Fill(ones, 1);
        for (int j = 0; j < sizes.Length; j++)
        {
            Accumulate(j, ones, LogLoss, Weights);
        }

        Finish(LogLoss, Weights);
    }

    /// <summary>The series the curves belong to (its flags and counts are the size laws').</summary>
    public SeriesData Series { get; }

    /// <summary>Sizes with at least one usable curve point, ascending.</summary>
    public int[] Sizes { get; }

    /// <summary>Per size, the seeds with usable curve points, ascending: the clusters the bootstrap resamples.</summary>
    public int[][] Seeds { get; }

    /// <summary>ln N of each pooled point.</summary>
    public double[] LogSizes { get; }

    /// <summary>ln τ of each pooled point.</summary>
    public double[] LogTaus { get; }

    /// <summary>The index into <see cref="Sizes"/> of each pooled point.</summary>
    public int[] PointSize { get; }

    /// <summary>Mean ln L of each pooled point over the full data.</summary>
    public double[] LogLoss { get; }

    /// <summary>How many curve points each pooled point holds.</summary>
    public double[] Weights { get; }

    /// <summary>Curve points in all (the n of the residual RMS).</summary>
    public int RawPointCount => _rawPoint.Length;

    public int CellCount => Seeds.Sum(s => s.Length);

    public int DistinctTauCount => LogTaus.Distinct().Count();

    /// <summary>True when the law is identified: at least 3 sizes and 2 distinct τ.</summary>
    public bool IsSufficient => Sizes.Length >= 3 && DistinctTauCount >= 2;

    /// <summary>True when the series' curves carry time at all (2 distinct τ): a series without them has no size × time fit.</summary>
    public bool HasTime => DistinctTauCount >= 2;

    /// <summary>Σ over curve points of (ln L − its point's mean)²: the part of the residual sum no law of (N, τ) explains.</summary>
    public double WithinSumOfSquares()
    {
        double sum = 0;
        for (int k = 0; k < _rawPoint.Length; k++)
        {
            double d = _rawLogLoss[k] - LogLoss[_rawPoint[k]];
            sum += d * d;
        }

        return sum;
    }

    public static SizeTimeData Build(SeriesData series)
    {
        var sizes = new List<int>();
        var seeds = new List<int[]>();
        var seedPointStart = new List<int[]>();
        var rawPoint = new List<int>();
        var rawLogLoss = new List<double>();
        var logSizes = new List<double>();
        var logTaus = new List<double>();
        var pointSize = new List<int>();
        foreach (var group in series.Groups)
        {
            // Each seed's usable points, then one pooled point per distinct τ at this size, in ascending τ.
            var curves = group.Cells.Select(Usable).ToArray();
            var taus = curves.SelectMany(c => c.Select(p => p.Tau)).Distinct().Order().ToArray();
            if (taus.Length == 0)
            {
                continue;
            }

            int sizeIndex = sizes.Count;
            int firstPoint = logTaus.Count;
            foreach (double tau in taus)
            {
                logSizes.Add(group.LogSize);
                logTaus.Add(Math.Log(tau));
                pointSize.Add(sizeIndex);
            }

            var groupSeeds = new List<int>();
            var starts = new List<int>();
            for (int k = 0; k < curves.Length; k++)
            {
                if (curves[k].Length == 0)
                {
                    continue;
                }

                groupSeeds.Add(group.Seeds[k]);
                starts.Add(rawPoint.Count);
                foreach (var (tau, logLoss) in curves[k])
                {
                    rawPoint.Add(firstPoint + Array.BinarySearch(taus, tau));
                    rawLogLoss.Add(logLoss);
                }
            }

            starts.Add(rawPoint.Count);
            sizes.Add(group.Size);
            seeds.Add(groupSeeds.ToArray());
            seedPointStart.Add(starts.ToArray());
        }

        return new SizeTimeData(series, sizes.ToArray(), seeds.ToArray(), seedPointStart.ToArray(), rawPoint.ToArray(),
            rawLogLoss.ToArray(), logSizes.ToArray(), logTaus.ToArray(), pointSize.ToArray());
    }

    /// <summary>
    /// The pooled points of a resample: at each size, each seed's curve enters as often as the resample drew the
    /// seed (<see cref="ClusterResampler.DrawCounts"/>), so whole curves move together. <paramref name="counts"/> is
    /// a work buffer at least as long as the largest seed count.
    /// </summary>
    public void Resample(ClusterResampler resampler, int resample, Span<int> counts, Span<double> logLoss, Span<double> weights)
    {
        logLoss.Clear();
        weights.Clear();
        for (int j = 0; j < Sizes.Length; j++)
        {
            resampler.DrawCounts(resample, j, counts);
            Accumulate(j, counts, logLoss, weights);
        }

        Finish(logLoss, weights);
        Rescale(logLoss, weights);
    }

    /// <summary>
    /// The Rao–Wu rescaling the size laws' bootstrap applies (<see cref="ClusterResampler"/>): each resampled point mean
    /// moves away from the point's mean over the full data by √(n/(n − 1)), n the curves through the point, so that
    /// the resamples spread like the seeds' sampling error rather than √((n − 1)/n) of it.
    /// </summary>
    private void Rescale(Span<double> logLoss, ReadOnlySpan<double> weights)
    {
        for (int p = 0; p < logLoss.Length; p++)
        {
            double n = Weights[p];
            if (weights[p] > 0 && n > 1)
            {
                logLoss[p] = LogLoss[p] + Math.Sqrt(n / (n - 1)) * (logLoss[p] - LogLoss[p]);
            }
        }
    }

    /// <summary>A resampler over these curves' sizes and seeds (the same streams as the size laws' bootstrap).</summary>
    public ClusterResampler Resampler(ulong seed) => ClusterResampler.ForUniverse(Sizes, Seeds, seed);

    /// <summary>Adds size <paramref name="j"/>'s curves, each <paramref name="counts"/>[k] times, to the point sums.</summary>
    private void Accumulate(int j, ReadOnlySpan<int> counts, Span<double> sums, Span<double> weights)
    {
        var starts = _seedPointStart[j];
        for (int k = 0; k < starts.Length - 1; k++)
        {
            int count = counts[k];
            if (count == 0)
            {
                continue;
            }

            for (int q = starts[k]; q < starts[k + 1]; q++)
            {
                sums[_rawPoint[q]] += count * _rawLogLoss[q];
                weights[_rawPoint[q]] += count;
            }
        }
    }

    private static void Finish(Span<double> sums, ReadOnlySpan<double> weights)
    {
        for (int p = 0; p < sums.Length; p++)
        {
            sums[p] = weights[p] > 0 ? sums[p] / weights[p] : 0;
        }
    }

    /// <summary>A cell's usable curve points as (τ, ln L), in step order.</summary>
    private static (double Tau, double LogLoss)[] Usable(Observation cell)
    {
        double eta = cell.RunLearningRate;
        if (cell.Curve is not { Count: > 0 } curve || !double.IsFinite(eta) || !(eta > 0))
        {
            return [];
        }

        int last = curve.Max(p => p.Step);
        double earliest = Math.Max(1, EarliestFraction * last);
        return curve
            .Where(p => p.Step >= earliest && double.IsFinite(p.Loss) && p.Loss > 0)
            .OrderBy(p => p.Step)
            .Select(p => (eta * p.Step, Math.Log(p.Loss)))
            .ToArray();
    }
}
