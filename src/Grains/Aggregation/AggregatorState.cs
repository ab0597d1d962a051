namespace Orchestrator.Grains.Aggregation;

/// <summary>The durable state of a sweep's aggregator: its settings, each finished cell once, and the last analysis.</summary>
[GenerateSerializer]
public sealed class AggregatorState
{
    [Id(0)] public AggregatorSettings? Settings { get; set; }
    [Id(1)] public Dictionary<string, CellOutcome> Cells { get; set; } = [];
    [Id(2)] public string AnalysisJson { get; set; } = "{}";
}
