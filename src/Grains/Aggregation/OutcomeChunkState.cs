namespace Orchestrator.Grains.Aggregation;

/// <summary>The durable state of one outcome chunk: up to <see cref="OutcomeChunkKey.Capacity"/> outcomes.</summary>
[GenerateSerializer]
public sealed class OutcomeChunkState : IConflictResolvingState<OutcomeChunkState>
{
    [Id(0)] public List<CellOutcome> Outcomes { get; set; } = [];
    [Id(1)] public Guid WriteId { get; set; }

    /// <summary>
    /// Outcomes are only ever added: the stored ones are kept and this writer's others are added to them; when it
    /// has none to add, the stored chunk is kept as it is.
    /// </summary>
    public static OutcomeChunkState? Resolve(OutcomeChunkState stored, OutcomeChunkState mine)
    {
        var known = stored.Outcomes.Select(o => o.CellId).ToHashSet(StringComparer.Ordinal);
        var added = mine.Outcomes.Where(o => known.Add(o.CellId)).ToList();
        if (added.Count == 0)
        {
            return null;
        }

        stored.Outcomes.AddRange(added);
        return stored;
    }
}
