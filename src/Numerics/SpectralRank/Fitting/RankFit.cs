using System.Text.Json.Serialization;

namespace Orchestrator.Numerics.SpectralRank.Fitting;

/// <summary>
/// rank = A·D^β fitted to one optimizer at one Zipf exponent, for one token bucket and one rank kind: OLS of ln rank
/// on ln D over every (width, seed) cell with its 95% Student-t interval, the cluster-bootstrap interval (seeds
/// resampled within each width; see <see cref="Orchestrator.Numerics.Fitting.SeriesFit"/>) when some width has
/// several seeds, and β / β_baseline with its paired bootstrap interval. Undefined values are null.
/// </summary>
public sealed record RankFit
{
    [JsonPropertyName("optimizer")] public required string Optimizer { get; init; }
    [JsonPropertyName("spectrum")] public required double Spectrum { get; init; }

    /// <summary><c>head</c>, <c>mid</c>, <c>tail</c> or <c>all</c>.</summary>
    [JsonPropertyName("bucket")] public required string Bucket { get; init; }

    /// <summary><c>soft</c> (exp of the spectral entropy) or <c>hard</c> (participation ratio).</summary>
    [JsonPropertyName("kind")] public required string Kind { get; init; }

    [JsonPropertyName("beta")] public double? Beta { get; init; }
    [JsonPropertyName("beta_ci_low")] public double? BetaCiLow { get; init; }
    [JsonPropertyName("beta_ci_high")] public double? BetaCiHigh { get; init; }
    [JsonPropertyName("beta_stderr")] public double? BetaStandardError { get; init; }
    [JsonPropertyName("beta_boot_ci_low")] public double? BetaBootCiLow { get; init; }
    [JsonPropertyName("beta_boot_ci_high")] public double? BetaBootCiHigh { get; init; }
    [JsonPropertyName("A")] public double? A { get; init; }
    [JsonPropertyName("n_sizes")] public required int SizeCount { get; init; }
    [JsonPropertyName("n_cells")] public required int CellCount { get; init; }
    [JsonPropertyName("min_size")] public int? MinSize { get; init; }
    [JsonPropertyName("max_size")] public int? MaxSize { get; init; }
    [JsonPropertyName("baseline")] public required string Baseline { get; init; }

    /// <summary>β / β_baseline (1 for the baseline itself); null when β_baseline is not positive.</summary>
    [JsonPropertyName("beta_ratio_vs_baseline")] public double? BetaRatio { get; init; }
    [JsonPropertyName("ratio_ci_low")] public double? RatioCiLow { get; init; }
    [JsonPropertyName("ratio_ci_high")] public double? RatioCiHigh { get; init; }

    /// <summary>The fitting library's warnings (<see cref="Numerics.Fitting.FitFlags"/>), e.g. <c>single-seed</c>.</summary>
    [JsonPropertyName("flags")] public required IReadOnlyList<string> Flags { get; init; }
}
