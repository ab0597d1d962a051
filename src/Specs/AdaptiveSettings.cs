using Orchestrator.Numerics.Design;

namespace Orchestrator.Specs;

/// <summary>
/// A spec's <c>adaptive</c> section: the sweep's grid is the set of candidates (its sizes the candidate sizes, its
/// seeds the most a size may get), and <see cref="Policy"/> chooses which of them run, until every series' α interval
/// is at most <see cref="Target"/> wide or a budget is spent.
/// </summary>
public sealed record AdaptiveSettings(
    DesignPolicyKind Policy,
    double? Target,
    double? BudgetSeconds,
    int? BudgetCells,
    double Explore,
    ulong Seed)
{
    /// <summary>The design settings these stand for, with the interval at <paramref name="confidenceLevel"/>.</summary>
    public DesignSettings ToDesignSettings(double confidenceLevel = 0.95) => new()
    {
        Policy = Policy,
        TargetWidth = Target,
        BudgetSeconds = BudgetSeconds,
        BudgetCells = BudgetCells,
        ExploreFraction = Explore,
        Seed = Seed,
        ConfidenceLevel = confidenceLevel,
    };
}
