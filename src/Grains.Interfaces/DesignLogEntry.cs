namespace Orchestrator.Grains;

/// <summary>
/// One stored decision of an adaptive sweep, with its reasons: the outcomes it knew (the first
/// <see cref="KnownOutcomes"/> of the stored results), the units it could start, each chosen unit with its reason and
/// explanation, and why it stopped choosing. <see cref="Replayed"/> says whether the policy, given the same results
/// again, chose the same units.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DesignLogEntry(
    [property: Id(0)] int Number,
    [property: Id(1)] int KnownOutcomes,
    [property: Id(2)] int Capacity,
    [property: Id(3)] IReadOnlyList<DesignLogChoice> Choices,
    [property: Id(4)] string? Stop,
    [property: Id(5)] bool Replayed,
    [property: Id(6)] double CommittedSeconds);
