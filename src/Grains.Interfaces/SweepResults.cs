namespace Orchestrator.Grains;

/// <summary>
/// Every finished cell of a sweep and its current analysis. <see cref="AnalysisJson"/> is the fitting library's
/// analysis serialised as JSON (fits, shifts, shared-exponent tests, diagnostics), at full precision.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SweepResults(
    [property: Id(0)] IReadOnlyList<CellOutcome> Cells,
    [property: Id(1)] string AnalysisJson);
