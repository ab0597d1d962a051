namespace Orchestrator.Grains;

/// <summary>A request to run one cell for one sweep. <see cref="Definition"/> is the cell's canonical JSON.</summary>
[GenerateSerializer, Immutable]
public sealed record CellAssignment(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string CellId,
    [property: Id(2)] string Definition,
    [property: Id(3)] int MaxAttempts);
