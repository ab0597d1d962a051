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
    /// <summary>The spec's names of the policies (<c>adaptive.policy</c>).</summary>
    public const string UncertaintyPolicy = "uncertainty";
    public const string FullGridPolicy = "full-grid";
    public const string RandomPolicy = "random";

    /// <summary>The widest target: α lies in [0, 10], so an interval wider than that says nothing.</summary>
    public const double MaxTarget = 10;

    /// <summary>The largest core-second budget (about 30,000 core-years).</summary>
    public const double MaxBudgetSeconds = 1e12;

    /// <summary><c>adaptive.explore</c> lies in [<see cref="MinExplore"/>, <see cref="MaxExplore"/>].</summary>
    public const double MinExplore = 0.2;
    public const double MaxExplore = 0.9;

    /// <summary>Fewest candidate sizes: the power law has two parameters, so α needs a third size to have an interval.</summary>
    public const int MinSizes = 3;

    /// <summary>Fewest seeds (the seed cap): more seeds at a size are one of the ways an interval narrows.</summary>
    public const int MinSeeds = 2;

    /// <summary>The policy names, in the order error messages list them.</summary>
    public static IReadOnlyList<string> PolicyNames { get; } = [UncertaintyPolicy, FullGridPolicy, RandomPolicy];

    /// <summary>The spec's name of <see cref="Policy"/>.</summary>
    public string PolicyName => NameOf(Policy);

    /// <summary>The spec's name of <paramref name="policy"/>.</summary>
    public static string NameOf(DesignPolicyKind policy) => policy switch
    {
        DesignPolicyKind.Uncertainty => UncertaintyPolicy,
        DesignPolicyKind.FullGrid => FullGridPolicy,
        DesignPolicyKind.RandomOrder => RandomPolicy,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "not a policy"),
    };

    /// <summary>The policy named <paramref name="name"/> (one of <see cref="PolicyNames"/>).</summary>
    public static DesignPolicyKind PolicyOf(string name) => name switch
    {
        UncertaintyPolicy => DesignPolicyKind.Uncertainty,
        FullGridPolicy => DesignPolicyKind.FullGrid,
        RandomPolicy => DesignPolicyKind.RandomOrder,
        _ => throw new ArgumentException($"unknown policy '{name}'; known: {string.Join(", ", PolicyNames)}", nameof(name)),
    };

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
