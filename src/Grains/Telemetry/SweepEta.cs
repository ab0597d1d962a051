namespace Orchestrator.Grains.Telemetry;

/// <summary>Estimates when a sweep finishes from its progress so far.</summary>
public static class SweepEta
{
    /// <summary>
    /// Seconds until the last of <paramref name="remaining"/> cells finishes, extrapolating the mean rate of the
    /// <paramref name="finished"/> cells over <paramref name="elapsed"/>: <c>elapsed / finished × remaining</c>.
    /// Exact when cells cost alike; with cells of mixed sizes it drifts as the mix of finished cells changes, and
    /// it settles as the sweep advances. Null before the first cell finishes; 0 when nothing remains.
    /// </summary>
    public static double? EstimateSeconds(int finished, int remaining, TimeSpan elapsed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(finished);
        ArgumentOutOfRangeException.ThrowIfNegative(remaining);
        if (remaining == 0)
        {
            return 0;
        }

        if (finished == 0 || elapsed <= TimeSpan.Zero)
        {
            return null;
        }

        return elapsed.TotalSeconds / finished * remaining;
    }
}
