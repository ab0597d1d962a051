namespace Orchestrator.Grains.Placement;

/// <summary>
/// What a caller tells placement about the cell it is about to ask for: the bytes its kernel will reserve, carried in
/// the call's <see cref="RequestContext"/> so that a new run-grain activation goes to a silo whose memory budget holds
/// it (<see cref="FreeSlotsPlacementDirector"/>).
/// </summary>
public static class CellPlacement
{
    public const string RequiredBytesKey = "orchestrator.cell-bytes";

    /// <summary>Marks the calls that follow on this async flow as asking for a cell of <paramref name="bytes"/>.</summary>
    public static void Require(long bytes) => RequestContext.Set(RequiredBytesKey, bytes);

    /// <summary>The bytes the call that triggered placement asked for; 0 when it said nothing.</summary>
    public static long RequiredBytes(Dictionary<string, object>? requestContext) =>
        requestContext is not null && requestContext.TryGetValue(RequiredBytesKey, out var value) && value is long bytes ? bytes : 0;
}
