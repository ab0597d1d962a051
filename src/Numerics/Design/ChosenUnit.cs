namespace Orchestrator.Numerics.Design;

/// <summary>A unit chosen by an earlier decision, and why (the explore share counts the space-filling ones).</summary>
public sealed record ChosenUnit(int UnitId, DesignReason Reason);
