using BenchmarkDotNet.Attributes;
using Orchestrator.Numerics.Fitting;
using Orchestrator.Numerics.Training;

namespace Orchestrator.Numerics.Benchmarks;

/// <summary>
/// The aggregator's unit of work: refitting one series of 10 sizes × 10 seeds (power and saturating law, 1000
/// cluster-bootstrap resamples), the cross-series tables of a spectrum with five optimizers, and the size × time law
/// of one series' loss curves (7 sizes × 3 seeds × 17 curve points, 1000 resamples).
/// </summary>
[MemoryDiagnoser]
public class SeriesFittingBenchmarks
{
    private static readonly int[] Sizes = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192];
    private static readonly string[] Optimizers = ["gd", "momentum", "adam", "matrix-sign", "natural-gradient"];

    private FitOptions _options = new();

    /// <summary>Bootstrap threads (results are identical for any value).</summary>
    [Params(1, 2)]
    public int Threads { get; set; }
    private List<Observation> _series = [];
    private Dictionary<string, IReadOnlyList<Observation>> _spectrum = [];
    private List<Observation> _curves = [];

    [GlobalSetup]
    public void Setup()
    {
        _options = new FitOptions { BootstrapResamples = 1000, Steps = 100, MaxDegreeOfParallelism = Threads };
        _series = Series("gd", alpha: 0.5, seed: 1);
        _spectrum = Optimizers.Select((name, i) => (name, data: Series(name, 0.3 + 0.1 * i, (ulong)(i + 1))))
            .ToDictionary(p => p.name, p => (IReadOnlyList<Observation>)p.data);
        _curves = Curves(seed: 3);
    }

    [Benchmark(Description = "FitSeries: 10 sizes x 10 seeds, 1000 resamples")]
    public IReadOnlyList<SeriesFit> FitSeries() => ScalingLawAnalysis.FitSeries("gd", 1.0, _series, _options);

    [Benchmark(Description = "CompareAtSpectrum: 5 optimizers, 1000 paired resamples")]
    public SpectrumComparison CompareAtSpectrum() => ScalingLawAnalysis.CompareAtSpectrum(1.0, _spectrum, _options);

    [Benchmark(Description = "FitSizeTime: 7 sizes x 3 seeds x 17 curve points, 1000 resamples")]
    public SizeTimeFit? FitSizeTime() => ScalingLawAnalysis.FitSizeTime("gd", 1.0, _curves, _options);

    /// <summary>L = 0.02 + 1.5·N^(−α) with 10% multiplicative log-normal noise, from a SplitMix64 stream.</summary>
    private static List<Observation> Series(string optimizer, double alpha, ulong seed)
    {
        var normal = new NormalStream(seed);
        var data = new List<Observation>();
        foreach (int size in Sizes)
        {
            for (int s = 0; s < 10; s++)
            {
                data.Add(new Observation(optimizer, 1.0, size, s, (0.02 + 1.5 * Math.Pow(size, -alpha)) * Math.Exp(0.1 * normal.Next()), false));
            }
        }

        return data;
    }

    /// <summary>
    /// Loss curves of L = 0.02 + 2.5·N^(−0.3) + (η·t)^(−0.5) with 2% log-normal noise per point at the schedule's steps
    /// 10…1000 (17 points), sizes 32…4096 (7), 3 seeds, each seed with its own η near 1 (as <c>lr: auto</c> gives:
    /// no two curves share a τ, so no points pool, the costliest case).
    /// </summary>
    private static List<Observation> Curves(ulong seed)
    {
        var normal = new NormalStream(seed);
        var data = new List<Observation>();
        foreach (int size in new[] { 32, 64, 128, 256, 512, 1024, 4096 })
        {
            for (int s = 0; s < 3; s++)
            {
                double eta = 1 + 0.01 * s + 1e-4 * size;
                var curve = LossCurveSchedule.Steps(1000).Where(t => t >= 10)
                    .Select(t => new LossPoint(t, (0.02 + 2.5 * Math.Pow(size, -0.3) + Math.Pow(eta * t, -0.5)) * Math.Exp(0.02 * normal.Next())))
                    .ToArray();
                data.Add(new Observation("gd", 1.0, size, s, curve[^1].Loss, false, null, curve, eta));
            }
        }

        return data;
    }
}
