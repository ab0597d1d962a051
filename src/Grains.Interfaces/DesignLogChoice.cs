namespace Orchestrator.Grains;

/// <summary>A unit one decision chose: its series, size and seed, the reason (a <c>DesignReason</c> name) and why.</summary>
[GenerateSerializer, Immutable]
public sealed record DesignLogChoice(
    [property: Id(0)] string Optimizer,
    [property: Id(1)] double Spectrum,
    [property: Id(2)] int Size,
    [property: Id(3)] int Seed,
    [property: Id(4)] string Reason,
    [property: Id(5)] string Explanation);
