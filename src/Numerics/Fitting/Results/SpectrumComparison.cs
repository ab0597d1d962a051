using System.Text.Json.Serialization;

namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The cross-series tables of one spectrum: shifts against the baseline, the shared-exponent test, the diagnostic and
/// the coefficient shifts.
/// </summary>
public sealed record SpectrumComparison
{
    [JsonPropertyName("spectrum")] public required double Spectrum { get; init; }
    [JsonPropertyName("shifts")] public required IReadOnlyList<AlphaShift> Shifts { get; init; }
    [JsonPropertyName("shared_exponent")] public required SharedExponentTest SharedExponent { get; init; }
    [JsonPropertyName("diagnostic")] public SpectralDiagnostic? Diagnostic { get; init; }

    /// <summary>Coefficients against the baseline at a common exponent (<see cref="CoefficientShift"/>).</summary>
    [JsonPropertyName("coefficient_shifts")] public required IReadOnlyList<CoefficientShift> CoefficientShifts { get; init; }
}
