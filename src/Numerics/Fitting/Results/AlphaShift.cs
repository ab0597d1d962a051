using System.Text.Json.Serialization;

namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// How much an optimizer changes the exponent against the baseline at one spectrum, under one law:
/// shift α_opt − α_base and ratio α_opt / α_base, with paired cluster-bootstrap intervals (the same seeds are drawn
/// for both optimizers, since a (size, seed) cell is the same problem for both), rescaled and t-calibrated as every
/// bootstrap interval is (<see cref="SeriesFit"/>).
/// </summary>
public sealed record AlphaShift
{
    [JsonPropertyName("optimizer")] public required string Optimizer { get; init; }
    [JsonPropertyName("baseline")] public required string Baseline { get; init; }
    [JsonPropertyName("spectrum")] public required double Spectrum { get; init; }
    [JsonPropertyName("law")] public required string Law { get; init; }
    [JsonPropertyName("alpha")] public double? Alpha { get; init; }
    [JsonPropertyName("alpha_baseline")] public double? AlphaBaseline { get; init; }
    [JsonPropertyName("alpha_shift")] public double? Shift { get; init; }
    [JsonPropertyName("shift_ci_low")] public double? ShiftCiLow { get; init; }
    [JsonPropertyName("shift_ci_high")] public double? ShiftCiHigh { get; init; }

    /// <summary>Null when the baseline α is not positive.</summary>
    [JsonPropertyName("ratio")] public double? Ratio { get; init; }
    [JsonPropertyName("ratio_ci_low")] public double? RatioCiLow { get; init; }
    [JsonPropertyName("ratio_ci_high")] public double? RatioCiHigh { get; init; }
    [JsonPropertyName("bootstrap_valid")] public int BootstrapValid { get; init; }
    [JsonPropertyName("bootstrap_requested")] public int BootstrapRequested { get; init; }
}
