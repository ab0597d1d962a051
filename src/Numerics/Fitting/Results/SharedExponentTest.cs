using System.Text.Json.Serialization;

namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Does one exponent, with a coefficient per optimizer, explain a spectrum's data as well as one exponent per
/// optimizer? Nested linear models of log L on log N over all cells (power law): ΔAIC = AIC(shared) − AIC(separate)
/// (positive favours separate exponents) and the F-test of the k − 1 extra slopes.
/// </summary>
public sealed record SharedExponentTest
{
    [JsonPropertyName("spectrum")] public required double Spectrum { get; init; }
    [JsonPropertyName("optimizers")] public required IReadOnlyList<string> Optimizers { get; init; }

    /// <summary>The common α of the shared model.</summary>
    [JsonPropertyName("shared_alpha")] public double? SharedAlpha { get; init; }
    [JsonPropertyName("n_cells")] public required int CellCount { get; init; }
    [JsonPropertyName("rss_shared")] public double? RssShared { get; init; }
    [JsonPropertyName("rss_separate")] public double? RssSeparate { get; init; }
    [JsonPropertyName("delta_aic")] public double? DeltaAic { get; init; }
    [JsonPropertyName("f_statistic")] public double? FStatistic { get; init; }
    [JsonPropertyName("df_numerator")] public int DfNumerator { get; init; }
    [JsonPropertyName("df_denominator")] public int DfDenominator { get; init; }
    [JsonPropertyName("p_value")] public double? PValue { get; init; }

    /// <summary>One of <see cref="SharedExponentVerdicts"/>.</summary>
    [JsonPropertyName("verdict")] public required string Verdict { get; init; }
}
