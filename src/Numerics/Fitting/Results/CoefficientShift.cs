using System.Text.Json.Serialization;

namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// How an optimizer's coefficients differ from the baseline's at one spectrum, under one law, with both fitted at the
/// same exponent: the ratio A_opt / A_base and, for the saturating law, the floor difference E_opt − E_base, with
/// paired cluster-bootstrap intervals (the same seeds are drawn for both optimizers; <see cref="BootstrapInterval"/>).
/// The exponent is the fixed α (<see cref="ExponentSources.Fixed"/>) or the spectrum's shared-exponent α
/// (<see cref="ExponentSources.Shared"/>),
/// and <see cref="Verdict"/> is that spectrum's shared-exponent verdict: a difference in coefficients at a common
/// exponent describes the data where the verdict is 'shared'.
/// </summary>
public sealed record CoefficientShift
{
    [JsonPropertyName("optimizer")] public required string Optimizer { get; init; }
    [JsonPropertyName("baseline")] public required string Baseline { get; init; }
    [JsonPropertyName("spectrum")] public required double Spectrum { get; init; }
    [JsonPropertyName("law")] public required string Law { get; init; }

    /// <summary>The exponent both coefficients were fitted at; null when no shared α could be estimated.</summary>
    [JsonPropertyName("alpha")] public double? Alpha { get; init; }

    /// <summary>One of <see cref="ExponentSources"/>.</summary>
    [JsonPropertyName("alpha_source")] public required string AlphaSource { get; init; }

    /// <summary>The spectrum's shared-exponent verdict, one of <see cref="SharedExponentVerdicts"/>.</summary>
    [JsonPropertyName("verdict")] public required string Verdict { get; init; }

    [JsonPropertyName("A")] public double? A { get; init; }
    [JsonPropertyName("A_baseline")] public double? ABaseline { get; init; }

    /// <summary>A / A_baseline; null when the baseline's A is not positive.</summary>
    [JsonPropertyName("A_ratio")] public double? ARatio { get; init; }
    [JsonPropertyName("A_ratio_ci_low")] public double? ARatioCiLow { get; init; }
    [JsonPropertyName("A_ratio_ci_high")] public double? ARatioCiHigh { get; init; }

    /// <summary>Saturating law only (null for the power law): the floors and their difference E − E_baseline.</summary>
    [JsonPropertyName("E")] public double? E { get; init; }
    [JsonPropertyName("E_baseline")] public double? EBaseline { get; init; }
    [JsonPropertyName("E_shift")] public double? EShift { get; init; }
    [JsonPropertyName("E_shift_ci_low")] public double? EShiftCiLow { get; init; }
    [JsonPropertyName("E_shift_ci_high")] public double? EShiftCiHigh { get; init; }

    /// <summary>Resamples in which both coefficient fits were defined, out of <see cref="BootstrapRequested"/>.</summary>
    [JsonPropertyName("bootstrap_valid")] public int BootstrapValid { get; init; }
    [JsonPropertyName("bootstrap_requested")] public int BootstrapRequested { get; init; }
}
