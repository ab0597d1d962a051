namespace Orchestrator.Grains.Runs;

/// <summary>A kernel ran longer than its sweep's <c>cell_timeout</c> and was cancelled.</summary>
public sealed class CellTimedOutException(TimeSpan timeout)
    : TimeoutException($"timed out after {Format(timeout)} (cell_timeout)")
{
    public TimeSpan Timeout { get; } = timeout;

    /// <summary>A whole number of days, hours, minutes or seconds, as a spec writes it (<c>6h</c>, <c>90s</c>).</summary>
    public static string Format(TimeSpan timeout)
    {
        var seconds = (long)Math.Ceiling(timeout.TotalSeconds);
        return seconds switch
        {
            > 0 when seconds % 86400 == 0 => $"{seconds / 86400}d",
            > 0 when seconds % 3600 == 0 => $"{seconds / 3600}h",
            > 0 when seconds % 60 == 0 => $"{seconds / 60}m",
            _ => $"{seconds}s",
        };
    }
}
