namespace Orchestrator.Numerics.Design;

/// <summary>
/// What a simulated adaptive sweep did: why it stopped (null when its last decision ran out of units without a
/// stop, which a policy should not do), its decisions, the units chosen in order with their reasons, every cell's
/// outcome in the order they finished, the core-seconds they cost, the simulated wall time, and every series' final
/// interval.
/// </summary>
public sealed record DesignSimulation(
    DesignStop? Stop,
    IReadOnlyList<DesignDecision> Decisions,
    IReadOnlyList<ChosenUnit> Chosen,
    IReadOnlyList<DesignOutcome> Outcomes,
    double CoreSeconds,
    double WallSeconds,
    IReadOnlyList<SimulatedSeries> Series);
