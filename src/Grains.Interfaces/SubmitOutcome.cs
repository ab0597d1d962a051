namespace Orchestrator.Grains;

/// <summary>What a submission did; <see cref="Differences"/> says how a conflicting spec differs from the stored one.</summary>
[GenerateSerializer, Immutable]
public sealed record SubmitOutcome(
    [property: Id(0)] SubmitKind Kind,
    [property: Id(1)] SweepStatus Status,
    [property: Id(2)] IReadOnlyList<string> Differences);
