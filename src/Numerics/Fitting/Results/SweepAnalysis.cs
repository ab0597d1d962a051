using System.Text.Json.Serialization;

namespace Orchestrator.Numerics.Fitting;

/// <summary>Everything fitted for a sweep, in a fixed order (spectrum, then optimizer, then law).</summary>
public sealed record SweepAnalysis
{
    [JsonPropertyName("fits")] public required IReadOnlyList<SeriesFit> Fits { get; init; }
    [JsonPropertyName("shifts")] public required IReadOnlyList<AlphaShift> Shifts { get; init; }
    [JsonPropertyName("shared_exponent")] public required IReadOnlyList<SharedExponentTest> SharedExponent { get; init; }
    [JsonPropertyName("diagnostics")] public required IReadOnlyList<SpectralDiagnostic> Diagnostics { get; init; }
}
