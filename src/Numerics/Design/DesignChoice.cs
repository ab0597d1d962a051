namespace Orchestrator.Numerics.Design;

/// <summary>A unit chosen now, why, and the figures behind it in words (e.g. the predicted interval and the cost).</summary>
public sealed record DesignChoice(int UnitId, DesignReason Reason, string Explanation);
