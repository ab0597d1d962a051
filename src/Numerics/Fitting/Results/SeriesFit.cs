using System.Text.Json.Serialization;

namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// One law fitted to one series (an optimizer at a spectrum). Undefined values are null, never NaN, so the record
/// always serialises. For the power law <see cref="E"/> is 0 and <see cref="A"/> the coefficient, and the primary
/// interval is the Student-t interval; for the saturating law the primary interval is the bootstrap one. Every
/// bootstrap interval (α, E, A) is the t-calibrated percentile interval of the rescaled cluster bootstrap: seeds
/// resampled within each size, each resampled size mean moved from the data's by √(G/(G−1)), read at the Φ(±t_ν)
/// quantiles with ν the Welch–Satterthwaite degrees of freedom of the resamples (<see cref="BootstrapInterval"/>,
/// docs/fitting.md).
/// </summary>
public sealed record SeriesFit
{
    [JsonPropertyName("optimizer")] public required string Optimizer { get; init; }
    [JsonPropertyName("spectrum")] public required double Spectrum { get; init; }

    /// <summary><see cref="LawNames.Power"/> or <see cref="LawNames.Saturating"/>.</summary>
    [JsonPropertyName("law")] public required string Law { get; init; }

    [JsonPropertyName("alpha")] public double? Alpha { get; init; }

    /// <summary>Primary interval for α: t-interval (power) or bootstrap interval (saturating).</summary>
    [JsonPropertyName("alpha_ci_low")] public double? AlphaCiLow { get; init; }
    [JsonPropertyName("alpha_ci_high")] public double? AlphaCiHigh { get; init; }

    /// <summary>Power law: OLS standard error of the slope (n − 2 degrees of freedom).</summary>
    [JsonPropertyName("alpha_stderr")] public double? AlphaStandardError { get; init; }

    /// <summary>Bootstrap interval for α (for the saturating law, the same as the primary one).</summary>
    [JsonPropertyName("alpha_boot_ci_low")] public double? AlphaBootCiLow { get; init; }
    [JsonPropertyName("alpha_boot_ci_high")] public double? AlphaBootCiHigh { get; init; }

    /// <summary>True when α was fixed (<see cref="FitOptions.FixedAlpha"/>) and only the coefficients were fitted; α has no interval then.</summary>
    [JsonPropertyName("alpha_fixed")] public bool AlphaFixed { get; init; }

    /// <summary>What the fit minimised, one of <see cref="FitObjectives"/>.</summary>
    [JsonPropertyName("objective")] public string Objective { get; init; } = FitObjectives.LeastSquares;

    /// <summary>The other objective's α on the same cells, the check behind <see cref="FitFlags.OutlierSensitive"/>; null when α is fixed.</summary>
    [JsonPropertyName("alpha_check")] public double? AlphaCheck { get; init; }

    [JsonPropertyName("E")] public double? E { get; init; }
    [JsonPropertyName("E_ci_low")] public double? ECiLow { get; init; }
    [JsonPropertyName("E_ci_high")] public double? ECiHigh { get; init; }

    [JsonPropertyName("A")] public double? A { get; init; }
    [JsonPropertyName("A_ci_low")] public double? ACiLow { get; init; }
    [JsonPropertyName("A_ci_high")] public double? ACiHigh { get; init; }

    [JsonPropertyName("n_sizes")] public required int SizeCount { get; init; }
    [JsonPropertyName("n_cells")] public required int CellCount { get; init; }
    [JsonPropertyName("min_size")] public int? MinSize { get; init; }
    [JsonPropertyName("max_size")] public int? MaxSize { get; init; }
    [JsonPropertyName("diverged_excluded")] public int DivergedExcluded { get; init; }
    [JsonPropertyName("nonpositive_excluded")] public int NonPositiveExcluded { get; init; }

    /// <summary>Sum of squared residuals of log L over all cells, and its root mean square.</summary>
    [JsonPropertyName("rss_log")] public double? ResidualSumOfSquares { get; init; }
    [JsonPropertyName("rms_log")] public double? ResidualRms { get; init; }

    /// <summary>Resamples that produced an estimate, out of <see cref="BootstrapRequested"/>.</summary>
    [JsonPropertyName("bootstrap_valid")] public int BootstrapValid { get; init; }
    [JsonPropertyName("bootstrap_requested")] public int BootstrapRequested { get; init; }

    /// <summary>Per size, the learning rate the best-loss selection used; null without a learning-rate axis.</summary>
    [JsonPropertyName("learning_rates")] public IReadOnlyList<LearningRateChoice>? LearningRates { get; init; }

    /// <summary>Warnings, from <see cref="FitFlags"/>, in a fixed order.</summary>
    [JsonPropertyName("flags")] public required IReadOnlyList<string> Flags { get; init; }

    /// <summary>
    /// Extrapolation check: the largest size, held out of a refit of the law on the smaller sizes. Null, like the
    /// other holdout fields, with fewer than 3 sizes (power law) or 4 sizes (saturating law).
    /// </summary>
    [JsonPropertyName("holdout_size")] public int? HoldoutSize { get; init; }

    /// <summary>
    /// ln(observed) − ln(predicted) at <see cref="HoldoutSize"/>: the mean log loss over its seeds (the value the
    /// fits use) minus the refit's predicted log loss. Positive: the loss there is worse than the law predicts.
    /// </summary>
    [JsonPropertyName("holdout_log_error")] public double? HoldoutLogError { get; init; }

    /// <summary>
    /// Prediction interval (at <see cref="FitOptions.ConfidenceLevel"/>), as losses, for the geometric-mean loss at
    /// <see cref="HoldoutSize"/> according to the refit; null when it cannot be built (too few cells, no bootstrap).
    /// </summary>
    [JsonPropertyName("holdout_pi_low")] public double? HoldoutPiLow { get; init; }
    [JsonPropertyName("holdout_pi_high")] public double? HoldoutPiHigh { get; init; }

    /// <summary>Whether the held-out size's geometric-mean loss lies inside the prediction interval; null without one.</summary>
    [JsonPropertyName("holdout_inside")] public bool? HoldoutInside { get; init; }

    /// <summary>
    /// α refitted on the smallest k sizes, for k from one more than the law's minimum (power: 3, saturating: 4) up
    /// to all of them (the last entry is <see cref="Alpha"/>); null with fewer sizes.
    /// </summary>
    [JsonPropertyName("alpha_by_max_size")] public IReadOnlyList<AlphaAtMaxSize>? AlphaByMaxSize { get; init; }

    /// <summary>The fitted loss E + A·N^-α at size <paramref name="n"/> (E = 0 when absent); null without α or A.</summary>
    public double? LossAt(double n) => Alpha is { } alpha && A is { } a ? (E ?? 0) + a * Math.Pow(n, -alpha) : null;
}
