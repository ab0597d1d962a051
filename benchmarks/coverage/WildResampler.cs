using Orchestrator.Numerics.Fitting;

namespace Orchestrator.FitCoverage;

/// <summary>
/// Wild bootstrap of the within-size residuals with Webb's six-point weights (±√(1/2), ±1, ±√(3/2), each 1/6):
/// at each size, ȳ* = ȳ + √(G/(G−1))·(1/G)·Σ v_i (y_i − ȳ), so ȳ* has the unbiased variance s²/G. The weights of
/// resample b at a size come from one stream per (seed, b, size), one per seed position, so two series with the same
/// seeds (as every replicate here has) get the same weights: a paired resample.
/// </summary>
internal sealed class WildResampler(int[] sizes, ulong seed) : IResampleSource
{
    private static readonly double[] Webb = [-Math.Sqrt(1.5), -1, -Math.Sqrt(0.5), Math.Sqrt(0.5), 1, Math.Sqrt(1.5)];

    public int[] Sizes => sizes;

    public SizeGroup?[] Align(SeriesData series)
    {
        var bySize = series.Groups.ToDictionary(g => g.Size);
        return sizes.Select(size => bySize.GetValueOrDefault(size)).ToArray();
    }

    public void Resample(SizeGroup?[] groupAt, int resample, Span<double> means, Span<double> weights)
    {
        for (int j = 0; j < sizes.Length; j++)
        {
            means[j] = 0;
            weights[j] = 0;
            if (groupAt[j] is not { } group)
            {
                continue;
            }

            double mean = group.MeanLogLoss();
            int count = group.Count;
            means[j] = mean;
            weights[j] = count;
            if (count < 2)
            {
                continue;
            }

            var rng = SplitMix64.ForCell(seed, resample, sizes[j]);
            double sum = 0;
            foreach (double y in group.LogLosses)
            {
                sum += Webb[rng.NextInt(Webb.Length)] * (y - mean);
            }

            means[j] = mean + Math.Sqrt(count / (count - 1.0)) * sum / count;
        }
    }
}
