using BenchmarkDotNet.Attributes;
using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Numerics.Benchmarks;

/// <summary>
/// The aggregator's unit of work: refitting one series of 10 sizes × 10 seeds (power and saturating law, 1000
/// cluster-bootstrap resamples), and the cross-series tables of a spectrum with five optimizers.
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

    [GlobalSetup]
    public void Setup()
    {
        _options = new FitOptions { BootstrapResamples = 1000, Steps = 100, MaxDegreeOfParallelism = Threads };
        _series = Series("gd", alpha: 0.5, seed: 1);
        _spectrum = Optimizers.Select((name, i) => (name, data: Series(name, 0.3 + 0.1 * i, (ulong)(i + 1))))
            .ToDictionary(p => p.name, p => (IReadOnlyList<Observation>)p.data);
    }

    [Benchmark(Description = "FitSeries: 10 sizes x 10 seeds, 1000 resamples")]
    public IReadOnlyList<SeriesFit> FitSeries() => ScalingLawAnalysis.FitSeries("gd", 1.0, _series, _options);

    [Benchmark(Description = "CompareAtSpectrum: 5 optimizers, 1000 paired resamples")]
    public SpectrumComparison CompareAtSpectrum() => ScalingLawAnalysis.CompareAtSpectrum(1.0, _spectrum, _options);

    /// <summary>L = 0.02 + 1.5·N^(−α) with 10% multiplicative log-normal noise, from a SplitMix64 stream.</summary>
    private static List<Observation> Series(string optimizer, double alpha, ulong seed)
    {
        ulong state = seed;
        double Uniform()
        {
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return ((z ^ (z >> 31)) >> 11) * (1.0 / (1UL << 53));
        }

        var data = new List<Observation>();
        foreach (int size in Sizes)
        {
            for (int s = 0; s < 10; s++)
            {
                double normal = Math.Sqrt(-2 * Math.Log(1 - Uniform())) * Math.Cos(2 * Math.PI * Uniform());
                data.Add(new Observation(optimizer, 1.0, size, s, (0.02 + 1.5 * Math.Pow(size, -alpha)) * Math.Exp(0.1 * normal), false));
            }
        }

        return data;
    }
}
