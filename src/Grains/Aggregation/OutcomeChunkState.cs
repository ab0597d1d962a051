namespace Orchestrator.Grains.Aggregation;

/// <summary>The durable state of one outcome chunk: up to <see cref="OutcomeChunkKey.Capacity"/> outcomes.</summary>
[GenerateSerializer]
public sealed class OutcomeChunkState
{
    [Id(0)] public List<CellOutcome> Outcomes { get; set; } = [];
}
