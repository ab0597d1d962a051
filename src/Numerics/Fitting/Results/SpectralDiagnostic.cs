using System.Text.Json.Serialization;

namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The spectral diagnostic of a spectrum: the number of modes GD learns in T steps, k_GD ≈ (η κ₁ T)^(1/s), and the
/// ratio N_max / k_GD. Advanced optimizers are predicted to pay off when the ratio is ≫ 1.
/// </summary>
public sealed record SpectralDiagnostic
{
    [JsonPropertyName("spectrum")] public required double Spectrum { get; init; }
    [JsonPropertyName("steps")] public required int Steps { get; init; }
    [JsonPropertyName("eta_kappa1")] public required double EtaKappa1 { get; init; }
    [JsonPropertyName("n_max")] public required int MaxSize { get; init; }
    [JsonPropertyName("k_gd")] public double? KGd { get; init; }
    [JsonPropertyName("ratio")] public double? Ratio { get; init; }
}
