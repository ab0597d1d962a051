using System.Globalization;
using Orchestrator.Numerics.Design;
using Orchestrator.Numerics.Fitting;
using Orchestrator.Numerics.Random;

namespace Orchestrator.AdaptiveBenchmark;

/// <summary>
/// Setting (b): the optimizer-dependence preset (examples/optimizer-dependence.yaml: its five optimizers, six spectra,
/// T = 100, lr auto with adam 0.01 and matrix-sign 0.05, population data), reduced to sizes 64 … 1024 with
/// latent_dim 4096 (the preset's four times the largest size) and a pool of seeds, every cell run once for real.
/// The truth for coverage is each series' power-law α from every cell of the pool. Replicate r draws its seed order
/// as a permutation of the pool fixed by r; the full grid takes the first S seeds of it, the adaptive policies the
/// first C. Costs: measured seconds, with a problem built once per simulated host while it stays in the host's
/// problem cache (<see cref="ProblemCacheCosts"/>), so the full grid's optimizers share problems as they do on a silo.
/// </summary>
internal static class RandomFeaturesSetting
{
    public static readonly string[] Optimizers = ["gd", "momentum", "adam", "matrix-sign", "natural-gradient"];

    public static readonly double[] Spectra = [0.5, 0.75, 1.0, 1.25, 1.5, 2.0];

    public static readonly int[] Sizes = [64, 128, 256, 512, 1024];

    public const int LatentDim = 4096;

    public static string Yaml(int pool) => string.Create(CultureInfo.InvariantCulture, $"""
        name: adaptive-benchmark
        experiment: random-features
        grid:
          optimizer: [{string.Join(", ", Optimizers)}]
          spectrum: [{string.Join(", ", Spectra.Select(s => s.ToString("R", CultureInfo.InvariantCulture)))}]
          size: [{string.Join(", ", Sizes)}]
          seed: [{string.Join(", ", Enumerable.Range(0, pool))}]
        settings:
          latent_dim: {LatentDim}
          steps: 100
          lr: auto
          outputs: 1
          data: population
        optimizers:
          adam:
            lr: 0.01
          matrix-sign:
            lr: 0.05
        """);

    public static IReadOnlyList<ReplicateResult> Run(ComparisonOptions options)
    {
        if (options.SeedCap > options.Pool)
        {
            throw new ArgumentException($"--seed-cap {options.SeedCap} exceeds --pool {options.Pool}");
        }

        var cells = RandomFeaturesCells.Load(Yaml(options.Pool), options.Pool, options.Cache);
        var byKey = cells.ToDictionary(c => (c.Optimizer, c.Spectrum, c.Size, c.Seed));
        var keys = Spectra.SelectMany(s => Optimizers.Select(o => new SeriesKey(o, s))).ToArray();
        var truth = keys.ToDictionary(k => k, k => PowerLawInterval.Fit(k.Optimizer, k.Spectrum,
            cells.Where(c => c.Usable).Select(c => new Observation(c.Optimizer, c.Spectrum, c.Size, c.Seed, c.Loss, false)), 0.95)!.Alpha);

        var results = new ReplicateResult[options.Replicates];
        Parallel.For(0, options.Replicates, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, r =>
        {
            var seeds = Enumerable.Range(0, options.Pool)
                .OrderBy(s => SplitMix64.Combine((ulong)r + 1, (ulong)s)).ThenBy(s => s)
                .Take(options.SeedCap)
                .ToArray();
            var candidates = new CandidateGrid(keys, Sizes, seeds);
            results[r] = ReplicateComparison.Run(candidates, options, (ulong)r, grid =>
            {
                var costs = new ProblemCacheCosts();
                return new SimulatedHost(unit =>
                {
                    var cell = byKey[(unit.Optimizer, unit.Spectrum, unit.Size, grid.SeedOf(unit))];
                    return [new DesignOutcome(unit.CellIndices[0], cell.Loss, cell.Usable, costs.Charge(cell))];
                }, costs);
            });
        });

        double warm = cells.Sum(c => c.WarmSeconds);
        double build = cells.GroupBy(c => (c.Spectrum, c.Size, c.Seed)).Sum(g => g.First().BuildSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"random-features, optimizer-dependence preset reduced to sizes {string.Join(", ", Sizes)}, latent_dim {LatentDim}: {cells.Count} cells measured ({options.Pool} seeds; {warm:F0} s training, {build:F0} s building problems); {options.Replicates} replicates; full grid {options.GridSeeds} seeds; candidates {options.SeedCap} seeds; {options.Slots} slots; explore {options.Explore}; target: the {options.Target.ToString().ToLowerInvariant()} full-grid width of the replicate; truth: α from all {options.Pool} seeds."));
        Console.WriteLine();
        ComparisonReport.Print(results, keys, k => truth[k]);
        return results;
    }
}
