namespace Orchestrator.Grains;

/// <summary>
/// What a submission did; <see cref="Differences"/> says how a conflicting or grown spec differs from the stored one
/// (for a shrunk one, which values would go), and <see cref="Errors"/> why a rejected one was refused
/// (<c>field.path: message</c>, as spec errors read).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SubmitOutcome(
    [property: Id(0)] SubmitKind Kind,
    [property: Id(1)] SweepStatus Status,
    [property: Id(2)] IReadOnlyList<string> Differences,
    [property: Id(3)] IReadOnlyList<string>? Errors = null,
    [property: Id(4)] int AddedCells = 0,
    [property: Id(5)] int RemovedCells = 0);
