namespace Orchestrator.Grains;

/// <summary>One sweep in the directory: its name (the sweep grain's key) and when it was submitted.</summary>
[GenerateSerializer, Immutable]
public sealed record SweepEntry(
    [property: Id(0)] string Sweep,
    [property: Id(1)] DateTimeOffset SubmittedAt);
