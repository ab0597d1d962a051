namespace Orchestrator.Numerics.Design;

/// <summary>
/// What an adaptive sweep aims for and may spend. It stops when every series' α interval is at most
/// <see cref="TargetWidth"/> wide, or when the next unit would take it past a budget, whichever comes first; at least
/// one of the three is set. Costs are core-seconds: the seconds each cell's kernel ran, summed.
/// </summary>
public sealed record DesignSettings
{
    /// <summary>The widest α interval (high − low, at <see cref="ConfidenceLevel"/>) a series may end with; null: none.</summary>
    public double? TargetWidth { get; init; }

    /// <summary>Core-seconds the sweep may spend, counting finished cells and the estimated cost of running ones.</summary>
    public double? BudgetSeconds { get; init; }

    /// <summary>Cells the sweep may run in all.</summary>
    public int? BudgetCells { get; init; }

    /// <summary>
    /// The least share of the spend that goes to space-filling units (sizes the law has seen least), which test the
    /// law's form where the most informative points for α alone (the ends of the size range) never would.
    /// </summary>
    public double ExploreFraction { get; init; } = DefaultExploreFraction;

    public DesignPolicyKind Policy { get; init; } = DesignPolicyKind.Uncertainty;

    /// <summary>Fixes the random order of <see cref="DesignPolicyKind.RandomOrder"/>.</summary>
    public ulong Seed { get; init; }

    /// <summary>The confidence level of the α interval the target refers to.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    public const double DefaultExploreFraction = 0.2;
}
