namespace Orchestrator.Grains;

/// <summary>
/// Progress of a sweep. <c>Pending + Running + Done + Failed = Total</c>; <see cref="Diverged"/> counts the done cells
/// whose run diverged (they are results, excluded from fits). An adaptive sweep's <see cref="Total"/> counts its
/// candidates, and <see cref="Design"/> where its policy stands (null for a sweep without an <c>adaptive</c> section).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SweepStatus(
    [property: Id(0)] string Sweep,
    [property: Id(1)] SweepState State,
    [property: Id(2)] int Total,
    [property: Id(3)] int Pending,
    [property: Id(4)] int Running,
    [property: Id(5)] int Done,
    [property: Id(6)] int Failed,
    [property: Id(7)] int Diverged,
    [property: Id(8)] DateTimeOffset? StartedAt,
    [property: Id(9)] DateTimeOffset? FinishedAt,
    [property: Id(10)] DesignProgress? Design = null)
{
    public static SweepStatus Unknown(string sweep) =>
        new(sweep, SweepState.Pending, 0, 0, 0, 0, 0, 0, null, null);

    public bool IsFinished => State is SweepState.Completed or SweepState.Cancelled or SweepState.Failed;
}
