namespace Orchestrator.Grains;

/// <summary>
/// A request to run one cell for one sweep. <see cref="Definition"/> is the cell's canonical JSON;
/// <see cref="CellTimeout"/> bounds how long one attempt's kernel may run (null: the spec default).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CellAssignment(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string CellId,
    [property: Id(2)] string Definition,
    [property: Id(3)] int MaxAttempts,
    [property: Id(4)] TimeSpan? CellTimeout = null);
