namespace Orchestrator.Numerics.Design;

/// <summary>
/// One finished cell as the design sees it: its position in the dispatch order, its final loss (usable when finite,
/// positive, and the run neither failed nor diverged) and the core-seconds it cost.
/// </summary>
public sealed record DesignOutcome(int CellIndex, double FinalLoss, bool Usable, double Seconds);
