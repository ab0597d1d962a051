using Orchestrator.Numerics.Design;

namespace Orchestrator.AdaptiveBenchmark;

/// <summary>
/// One replicate of the comparison. The full grid: the full-grid policy over the replicate's first
/// <see cref="ComparisonOptions.GridSeeds"/> seeds at every size, run to the end. The target: one width for every
/// series from the full grid's widths (<see cref="ComparisonOptions.Target"/>). Then the uncertainty policy and the
/// random order, each over the same sizes with <see cref="ComparisonOptions.SeedCap"/> seeds (the full grid's seeds
/// first), until every series' interval is within the target.
/// </summary>
internal static class ReplicateComparison
{
    /// <param name="host">A fresh host for one simulated sweep over a grid (it may keep state, e.g. a problem cache).</param>
    public static ReplicateResult Run(CandidateGrid candidates, ComparisonOptions options, ulong randomSeed,
        Func<CandidateGrid, SimulatedHost> host)
    {
        var grid = candidates.WithSeeds(options.GridSeeds);
        var full = Simulate(new FullGridDesignPolicy(), grid.Units,
            new DesignSettings { Policy = DesignPolicyKind.FullGrid, BudgetCells = int.MaxValue }, options.Slots, host(grid));
        if (options.Target == TargetRule.Own)
        {
            var perSeries = candidates.Series.Select(key =>
            {
                var own = new CandidateGrid([key], candidates.Sizes, candidates.Seeds);
                double target = full.SeriesOf(key).Fit?.Width ?? double.PositiveInfinity;
                return (Target: target, Runs: Compare(own, options, randomSeed, host, target));
            }).ToList();
            return new ReplicateResult(perSeries.Select(p => p.Target).Order().ElementAt(perSeries.Count / 2), true, full,
                PolicyRun.Sum(perSeries.Select(p => p.Runs.Adaptive)), PolicyRun.Sum(perSeries.Select(p => p.Runs.Random)));
        }

        var widths = full.Series.Select(s => s.Fit?.Width ?? double.PositiveInfinity).Order().ToArray();
        double shared = options.Target switch
        {
            TargetRule.Widest => widths[^1],
            TargetRule.Narrowest => widths[0],
            _ => (widths[(widths.Length - 1) / 2] + widths[widths.Length / 2]) / 2,
        };

        var (adaptive, random) = Compare(candidates, options, randomSeed, host, shared);
        return new ReplicateResult(shared, false, full, adaptive, random);
    }

    private static (PolicyRun Adaptive, PolicyRun Random) Compare(CandidateGrid candidates, ComparisonOptions options, ulong randomSeed,
        Func<CandidateGrid, SimulatedHost> host, double target)
    {
        var adaptiveSettings = new DesignSettings { TargetWidth = target, ExploreFraction = options.Explore };
        var adaptive = Simulate(new UncertaintyDesignPolicy(), candidates.Units, adaptiveSettings, options.Slots, host(candidates));
        var randomSettings = new DesignSettings { Policy = DesignPolicyKind.RandomOrder, TargetWidth = target, Seed = randomSeed };
        var random = Simulate(new RandomOrderDesignPolicy(), candidates.Units, randomSettings, options.Slots, host(candidates));
        return (adaptive, random);
    }

    private static PolicyRun Simulate(IDesignPolicy policy, IReadOnlyList<DesignUnit> units, DesignSettings settings, int slots, SimulatedHost host) =>
        PolicyRun.Of(DesignSimulator.Run(policy, units, settings, slots, host.Run), host);
}
