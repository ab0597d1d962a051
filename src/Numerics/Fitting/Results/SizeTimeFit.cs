using System.Text.Json.Serialization;

namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The size × time law L(N, τ) = E + A·N^(−α) + B·τ^(−β) fitted to the loss curves of one series (an optimizer at a
/// spectrum), τ = η·t the dynamical time. Intervals are cluster-bootstrap percentile intervals (seeds resampled within
/// each size, whole curves together). A fixed exponent (<see cref="FitOptions.FixedAlpha"/>,
/// <see cref="FitOptions.FixedBeta"/>) is reported with its value, <c>*_fixed</c> true and no interval. Undefined
/// values are null, never NaN.
/// </summary>
public sealed record SizeTimeFit
{
    [JsonPropertyName("optimizer")] public required string Optimizer { get; init; }
    [JsonPropertyName("spectrum")] public required double Spectrum { get; init; }

    [JsonPropertyName("alpha")] public double? Alpha { get; init; }
    [JsonPropertyName("alpha_ci_low")] public double? AlphaCiLow { get; init; }
    [JsonPropertyName("alpha_ci_high")] public double? AlphaCiHigh { get; init; }
    [JsonPropertyName("alpha_fixed")] public bool AlphaFixed { get; init; }

    [JsonPropertyName("beta")] public double? Beta { get; init; }
    [JsonPropertyName("beta_ci_low")] public double? BetaCiLow { get; init; }
    [JsonPropertyName("beta_ci_high")] public double? BetaCiHigh { get; init; }
    [JsonPropertyName("beta_fixed")] public bool BetaFixed { get; init; }

    [JsonPropertyName("E")] public double? E { get; init; }
    [JsonPropertyName("E_ci_low")] public double? ECiLow { get; init; }
    [JsonPropertyName("E_ci_high")] public double? ECiHigh { get; init; }

    [JsonPropertyName("A")] public double? A { get; init; }
    [JsonPropertyName("A_ci_low")] public double? ACiLow { get; init; }
    [JsonPropertyName("A_ci_high")] public double? ACiHigh { get; init; }

    [JsonPropertyName("B")] public double? B { get; init; }
    [JsonPropertyName("B_ci_low")] public double? BCiLow { get; init; }
    [JsonPropertyName("B_ci_high")] public double? BCiHigh { get; init; }

    [JsonPropertyName("n_sizes")] public required int SizeCount { get; init; }

    /// <summary>Cells (size, seed) whose curves entered the fit.</summary>
    [JsonPropertyName("n_cells")] public required int CellCount { get; init; }

    /// <summary>Curve points that entered the fit.</summary>
    [JsonPropertyName("n_points")] public required int PointCount { get; init; }

    [JsonPropertyName("min_size")] public int? MinSize { get; init; }
    [JsonPropertyName("max_size")] public int? MaxSize { get; init; }
    [JsonPropertyName("min_tau")] public double? MinTau { get; init; }
    [JsonPropertyName("max_tau")] public double? MaxTau { get; init; }
    [JsonPropertyName("diverged_excluded")] public int DivergedExcluded { get; init; }
    [JsonPropertyName("nonpositive_excluded")] public int NonPositiveExcluded { get; init; }

    /// <summary>Sum of squared residuals of log L over all curve points, and its root mean square.</summary>
    [JsonPropertyName("rss_log")] public double? ResidualSumOfSquares { get; init; }
    [JsonPropertyName("rms_log")] public double? ResidualRms { get; init; }

    /// <summary>Resamples that produced an estimate, out of <see cref="BootstrapRequested"/>.</summary>
    [JsonPropertyName("bootstrap_valid")] public int BootstrapValid { get; init; }
    [JsonPropertyName("bootstrap_requested")] public int BootstrapRequested { get; init; }

    /// <summary>Per size, the learning rate the best-loss selection used; null without a learning-rate axis.</summary>
    [JsonPropertyName("learning_rates")] public IReadOnlyList<LearningRateChoice>? LearningRates { get; init; }

    /// <summary>Warnings, from <see cref="FitFlags"/>, in a fixed order.</summary>
    [JsonPropertyName("flags")] public required IReadOnlyList<string> Flags { get; init; }

    /// <summary>The fitted loss E + A·N^(−α) + B·τ^(−β); null without the estimates.</summary>
    public double? LossAt(double n, double tau) =>
        Alpha is { } alpha && Beta is { } beta && E is { } e && A is { } a && B is { } b
            ? e + a * Math.Pow(n, -alpha) + b * Math.Pow(tau, -beta)
            : null;

    /// <summary>
    /// The size that reaches <paramref name="loss"/> at time <paramref name="tau"/> on the fitted law (an iso-loss
    /// contour N(τ) = ((L* − E − B·τ^(−β))/A)^(−1/α)); null where no size does (L* at or below E + B·τ^(−β)).
    /// </summary>
    public double? SizeAt(double loss, double tau)
    {
        if (Alpha is not { } alpha || Beta is not { } beta || E is not { } e || A is not { } a || B is not { } b || !(a > 0) || !(alpha > 0))
        {
            return null;
        }

        double excess = (loss - e - b * Math.Pow(tau, -beta)) / a;
        return excess > 0 ? Math.Pow(excess, -1 / alpha) : null;
    }
}
