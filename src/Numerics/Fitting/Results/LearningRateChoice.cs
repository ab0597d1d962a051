using System.Text.Json.Serialization;

namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The learning rate the fit used at one size when the sweep has a learning-rate axis. Each (size, seed) cell uses
/// its own best learning rate; this reports the one most seeds chose (ties go to the smaller rate) and how many did.
/// </summary>
public sealed record LearningRateChoice
{
    [JsonPropertyName("size")] public required int Size { get; init; }
    [JsonPropertyName("learning_rate")] public required double? LearningRate { get; init; }
    [JsonPropertyName("seeds_choosing")] public required int SeedsChoosing { get; init; }
    [JsonPropertyName("seeds")] public required int Seeds { get; init; }
}
