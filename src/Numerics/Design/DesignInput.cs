namespace Orchestrator.Numerics.Design;

/// <summary>
/// Everything a decision depends on, and nothing else, so that the same input gives the same decision: the candidate
/// units, the outcomes known (in the order they were stored), the units chosen before (finished or running), and how
/// many units the sweep can start now.
/// </summary>
public sealed record DesignInput(
    IReadOnlyList<DesignUnit> Units,
    IReadOnlyList<DesignOutcome> Finished,
    IReadOnlyList<ChosenUnit> Chosen,
    int Capacity,
    DesignSettings Settings);
