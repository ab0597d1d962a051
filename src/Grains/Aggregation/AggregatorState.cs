namespace Orchestrator.Grains.Aggregation;

/// <summary>
/// The durable state of a sweep's aggregator: only what changes when a sweep is (re)configured. The finished cells
/// live in outcome chunks, and the analysis is recomputed from them, so this state never grows with the sweep.
/// </summary>
[GenerateSerializer]
public sealed class AggregatorState : IConflictResolvingState<AggregatorState>
{
    [Id(0)] public AggregatorSettings? Settings { get; set; }
    /// <summary>Counts configurations: chunks of an earlier run of the same sweep name are never read again.</summary>
    [Id(3)] public int Generation { get; set; }
    [Id(4)] public Guid WriteId { get; set; }

    /// <summary>
    /// A later configuration is further along: a stored generation above this writer's is kept; at the same or a
    /// lower one, this writer's configuration (the latest asked for) is written over it.
    /// </summary>
    public static AggregatorState? Resolve(AggregatorState stored, AggregatorState mine) =>
        stored.Generation > mine.Generation ? null : mine;
}
