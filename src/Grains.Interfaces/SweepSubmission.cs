namespace Orchestrator.Grains;

/// <summary>A validated spec on its way to the sweep grain, in canonical form with its fingerprint.</summary>
[GenerateSerializer, Immutable]
public sealed record SweepSubmission(
    [property: Id(0)] string Name,
    [property: Id(1)] string CanonicalSpec,
    [property: Id(2)] string Fingerprint,
    [property: Id(3)] int CellCount,
    [property: Id(4)] bool ReplaceExisting = false);
