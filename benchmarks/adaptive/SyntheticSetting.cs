using System.Globalization;
using Orchestrator.Numerics.Design;
using Orchestrator.Specs.Experiments.Synthetic;

namespace Orchestrator.AdaptiveBenchmark;

/// <summary>
/// Setting (a): the synthetic experiment's law L = A·N^(−α)·exp(σ·ε), ε drawn exactly as the product's synthetic
/// kernel draws it (<see cref="SyntheticLaw.Noise"/>, from the cell's optimizer, spectrum, size and seed), with four
/// series of known α. Cost: every cell takes <see cref="SecondsPerSize"/>·N core-seconds. Replicate r runs on seeds
/// 1000·r, 1000·r + 1, …, so replicates draw disjoint noise.
/// </summary>
internal static class SyntheticSetting
{
    public const double SecondsPerSize = 1e-3;

    public const double Amplitude = 2.0;

    public const double Sigma = 0.05;

    public static readonly int[] Sizes = [64, 128, 256, 512, 1024, 2048, 4096];

    /// <summary>The series and their exponents: gd's and natural gradient's at s = 1 as in examples/synthetic.yaml, and two between and beyond.</summary>
    public static readonly (SeriesKey Key, double Alpha)[] Series =
    [
        (new SeriesKey("gd", 1.0), 0.12),
        (new SeriesKey("momentum", 1.0), 0.2),
        (new SeriesKey("natural-gradient", 1.0), 0.31),
        (new SeriesKey("ng-power", 1.0), 0.5),
    ];

    public static IReadOnlyList<ReplicateResult> Run(ComparisonOptions options)
    {
        var keys = Series.Select(s => s.Key).ToArray();
        var laws = Series.ToDictionary(s => s.Key, s => new SyntheticLaw(0, Amplitude, s.Alpha, 0, 0.5, Sigma));
        var results = new ReplicateResult[options.Replicates];
        Parallel.For(0, options.Replicates, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, r =>
        {
            var seeds = Enumerable.Range(1000 * r, options.SeedCap).ToArray();
            var candidates = new CandidateGrid(keys, Sizes, seeds);
            results[r] = ReplicateComparison.Run(candidates, options, (ulong)r, grid => new SimulatedHost(unit =>
            {
                var law = laws[new SeriesKey(unit.Optimizer, unit.Spectrum)];
                double loss = law.Mean(unit.Size, 1.0) * Math.Exp(law.Sigma * SyntheticLaw.Noise(unit.Optimizer, unit.Spectrum, unit.Size, grid.SeedOf(unit)));
                return [new DesignOutcome(unit.CellIndices[0], loss, true, SecondsPerSize * unit.Size)];
            }));
        });

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Synthetic law L = {Amplitude}·N^-α·exp({Sigma}·ε), α = {string.Join(", ", Series.Select(s => $"{s.Alpha} ({s.Key.Optimizer})"))}; sizes {string.Join(", ", Sizes)}; cost {SecondsPerSize}·N core-s per cell; {options.Replicates} replicates; full grid {options.GridSeeds} seeds; candidates {options.SeedCap} seeds; {options.Slots} slots; explore {options.Explore}; target: the {options.Target.ToString().ToLowerInvariant()} full-grid width of the replicate."));
        Console.WriteLine();
        ComparisonReport.Print(results, keys, k => Series.Single(s => s.Key == k).Alpha);
        return results;
    }
}
