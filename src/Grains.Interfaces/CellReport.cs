namespace Orchestrator.Grains;

/// <summary>
/// The final word on one cell: its result, or its last error after every attempt failed, with the outcome of each
/// attempt in order.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CellReport(
    [property: Id(0)] string CellId,
    [property: Id(1)] CellStatus Status,
    [property: Id(2)] CellResult? Result,
    [property: Id(3)] string? Error,
    [property: Id(4)] int Attempts,
    [property: Id(5)] string? Silo,
    [property: Id(6)] IReadOnlyList<AttemptOutcome> AttemptOutcomes);
