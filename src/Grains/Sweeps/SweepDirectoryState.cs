namespace Orchestrator.Grains.Sweeps;

/// <summary>The directory's durable state: sweep name → submitted time. One small row per sweep, nothing per cell.</summary>
[GenerateSerializer]
public sealed class SweepDirectoryState : IConflictResolvingState<SweepDirectoryState>
{
    [Id(0)] public Dictionary<string, DateTimeOffset> Sweeps { get; set; } = [];
    [Id(1)] public Guid WriteId { get; set; }

    /// <summary>
    /// Entries are merged: every sweep either writer registered stays listed, at the later submitted time of the two.
    /// </summary>
    public static SweepDirectoryState? Resolve(SweepDirectoryState stored, SweepDirectoryState mine)
    {
        var changed = false;
        foreach (var (sweep, submitted) in mine.Sweeps)
        {
            if (!stored.Sweeps.TryGetValue(sweep, out var known) || known < submitted)
            {
                stored.Sweeps[sweep] = submitted;
                changed = true;
            }
        }

        return changed ? stored : null;
    }
}
