using System.Text.Json.Serialization;

namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// One entry of <see cref="SeriesFit.AlphaByMaxSize"/>: the law's α refitted on the series' sizes up to
/// <see cref="MaxSize"/> only. A series whose α still moves as the largest size grows has not reached its asymptote.
/// </summary>
public sealed record AlphaAtMaxSize
{
    /// <summary>The largest size the refit used.</summary>
    [JsonPropertyName("max_size")] public required int MaxSize { get; init; }

    /// <summary>The refit's exponent; null when it could not be fitted.</summary>
    [JsonPropertyName("alpha")] public double? Alpha { get; init; }
}
