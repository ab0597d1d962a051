namespace Orchestrator.Grains.Aggregation;

/// <summary>
/// The durable state of a sweep's aggregator: only what changes when a sweep is (re)configured. The finished cells
/// live in outcome chunks, and the analysis is recomputed from them, so this state never grows with the sweep.
/// </summary>
[GenerateSerializer]
public sealed class AggregatorState
{
    [Id(0)] public AggregatorSettings? Settings { get; set; }
    /// <summary>Counts configurations: chunks of an earlier run of the same sweep name are never read again.</summary>
    [Id(3)] public int Generation { get; set; }
}
