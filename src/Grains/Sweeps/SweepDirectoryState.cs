namespace Orchestrator.Grains.Sweeps;

/// <summary>The directory's durable state: sweep name → submitted time. One small row per sweep, nothing per cell.</summary>
[GenerateSerializer]
public sealed class SweepDirectoryState
{
    [Id(0)] public Dictionary<string, DateTimeOffset> Sweeps { get; set; } = [];
}
