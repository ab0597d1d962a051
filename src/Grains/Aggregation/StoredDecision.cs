namespace Orchestrator.Grains.Aggregation;

/// <summary>
/// One decision of an adaptive sweep, as stored: everything needed to take it again (the specs the sweep had, the
/// stored outcomes it knew, its capacity in units, the earlier decisions being those before it) and what it chose.
/// Reasons are <c>DesignReason</c> values; <see cref="Stop"/> a <c>DesignStop</c> name or null.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StoredDecision(
    [property: Id(0)] int Specs,
    [property: Id(1)] int KnownOutcomes,
    [property: Id(2)] int Capacity,
    [property: Id(3)] int[] UnitIds,
    [property: Id(4)] byte[] Reasons,
    [property: Id(5)] string? Stop,
    [property: Id(6)] double CommittedSeconds);
