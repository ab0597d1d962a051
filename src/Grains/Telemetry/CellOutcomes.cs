namespace Orchestrator.Grains.Telemetry;

/// <summary>The bounded set of outcomes that label completed cells.</summary>
public static class CellOutcomes
{
    public const string Succeeded = "succeeded";
    public const string Diverged = "diverged";
    public const string Failed = "failed";

    /// <summary>Every outcome, in a fixed order.</summary>
    public static IReadOnlyList<string> All { get; } = [Succeeded, Diverged, Failed];
}
