using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Grains;

/// <summary>Every finished cell of a sweep and its current analysis (fits, shifts, tests, diagnostics, rank fits).</summary>
[GenerateSerializer, Immutable]
public sealed record SweepResults(
    [property: Id(0)] IReadOnlyList<CellOutcome> Cells,
    [property: Id(1)] SweepAnalysis Analysis);
