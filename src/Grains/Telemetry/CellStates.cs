namespace Orchestrator.Grains.Telemetry;

/// <summary>The bounded set of states that label a sweep's cell counts.</summary>
public static class CellStates
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Diverged = "diverged";

    /// <summary>Every state, in a fixed order.</summary>
    public static IReadOnlyList<string> All { get; } = [Pending, Running, Done, Failed, Diverged];
}
