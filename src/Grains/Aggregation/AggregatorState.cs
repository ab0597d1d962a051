namespace Orchestrator.Grains.Aggregation;

/// <summary>
/// The durable state of a sweep's aggregator: what changes when a sweep is (re)configured and, for an adaptive sweep,
/// its decisions. The finished cells live in outcome chunks, and the analysis is recomputed from them, so this state
/// grows with the sweep only by the few bytes of each chosen unit.
/// </summary>
[GenerateSerializer]
public sealed class AggregatorState : IConflictResolvingState<AggregatorState>
{
    [Id(0)] public AggregatorSettings? Settings { get; set; }
    /// <summary>Counts configurations: chunks of an earlier run of the same sweep name are never read again.</summary>
    [Id(3)] public int Generation { get; set; }
    [Id(4)] public Guid WriteId { get; set; }

    /// <summary>An adaptive sweep's canonical specs, oldest first (empty for a sweep that runs its whole grid).</summary>
    [Id(5)] public List<string> DesignSpecs { get; set; } = [];

    /// <summary>An adaptive sweep's decisions, in the order they were taken.</summary>
    [Id(6)] public List<StoredDecision> Decisions { get; set; } = [];

    /// <summary>
    /// A later configuration is further along: a stored generation above this writer's is kept; at the same or a
    /// lower one, this writer's configuration (the latest asked for) is written over it.
    /// </summary>
    public static AggregatorState? Resolve(AggregatorState stored, AggregatorState mine) =>
        stored.Generation > mine.Generation ? null : mine;
}
