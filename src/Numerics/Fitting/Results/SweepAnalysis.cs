using System.Text.Json.Serialization;
using Orchestrator.Numerics.SpectralRank.Fitting;

namespace Orchestrator.Numerics.Fitting;

/// <summary>Everything fitted for a sweep, in a fixed order (spectrum, then optimizer, then law).</summary>
public sealed record SweepAnalysis
{
    [JsonPropertyName("fits")] public required IReadOnlyList<SeriesFit> Fits { get; init; }
    [JsonPropertyName("shifts")] public required IReadOnlyList<AlphaShift> Shifts { get; init; }
    [JsonPropertyName("shared_exponent")] public required IReadOnlyList<SharedExponentTest> SharedExponent { get; init; }
    [JsonPropertyName("diagnostics")] public required IReadOnlyList<SpectralDiagnostic> Diagnostics { get; init; }

    /// <summary>
    /// Coefficients of each optimizer against the baseline at a common exponent, per spectrum and law. Always written;
    /// not required, so that an analysis serialised before it existed still reads (as empty).
    /// </summary>
    [JsonPropertyName("coefficient_shifts")] public IReadOnlyList<CoefficientShift> CoefficientShifts { get; init; } = [];

    /// <summary>
    /// L(N, τ) = E + A·N^-α + B·τ^-β per series whose loss curves identify it (at least 3 sizes and 2 distinct τ);
    /// empty when none does.
    /// </summary>
    [JsonPropertyName("size_time_fits")] public IReadOnlyList<SizeTimeFit> SizeTimeFits { get; init; } = [];

    /// <summary>Rank = A·D^β fits of experiments that measure ranks; null (and not serialised) for the others.</summary>
    [JsonPropertyName("rank_fits"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RankFit>? RankFits { get; init; }

    /// <summary>An analysis of no cells.</summary>
    public static SweepAnalysis Empty { get; } = new() { Fits = [], Shifts = [], SharedExponent = [], Diagnostics = [] };
}
