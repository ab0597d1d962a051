namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The stable names of the warnings a fit carries instead of silently reporting a doubtful number.
/// </summary>
public static class FitFlags
{
    /// <summary>Fewer than 3 distinct sizes: the saturating law is not identified and any exponent is fragile.</summary>
    public const string FewSizes = "few-sizes";

    /// <summary>Largest / smallest size under 10: exponents from under one decade of N are unreliable.</summary>
    public const string NarrowSpan = "narrow-span";

    /// <summary>Saturating law: the best α lies on the first or last point of the α grid.</summary>
    public const string AlphaAtBound = "alpha-at-bound";

    /// <summary>Saturating law: the loss floor E is at its bound 0 (the data show no floor):
    /// E is under 1e-6 of the smallest loss.</summary>
    public const string EAtBound = "E-at-bound";

    /// <summary>Saturating law: the coefficient A is at its bound 0 (no decay in N; α is not identified):
    /// A·N_max^(−α) is under 1e-6 of the smallest loss.</summary>
    public const string AAtBound = "A-at-bound";

    /// <summary>Some cells diverged (or had a non-finite loss) and were excluded; see the <c>diverged_excluded</c> count.</summary>
    public const string DivergedExcluded = "diverged-excluded";

    /// <summary>Some cells had a finite loss ≤ 0, which has no logarithm, and were excluded; see <c>nonpositive_excluded</c>.</summary>
    public const string NonPositiveExcluded = "nonpositive-excluded";

    /// <summary>No size has more than one seed: the cluster bootstrap is impossible and its intervals are null.</summary>
    public const string SingleSeed = "single-seed";

    /// <summary>Too few sizes or cells for this law (power: 2 sizes; saturating: 3 sizes): the estimates are null.</summary>
    public const string InsufficientData = "insufficient-data";

    /// <summary>
    /// The law, refitted without the largest size, does not predict it: the mean log loss over the largest size's
    /// seeds lies outside the refit's prediction interval there (<c>holdout_inside</c> false; the interval is at the
    /// fit's confidence level, 95% by default). Power law: the OLS prediction interval with Student t on n − 2
    /// degrees of freedom (n the refit's cells), including the spread of the held-out size's seed mean. Saturating
    /// law: the percentile interval of the refit's cluster-bootstrap predictions combined in quadrature with
    /// t · s_w / √n_h, the spread of the held-out mean from the refit's pooled within-size variance. Needs 3 sizes
    /// (power) or 4 (saturating) and, for the interval, more cells than parameters (power) or a bootstrap (saturating);
    /// without an interval there is no flag.
    /// </summary>
    public const string DoesNotExtrapolate = "does-not-extrapolate";

    /// <summary>
    /// α has not settled with size: |α₋ − α| > (alpha_ci_high − alpha_ci_low) / 2, where α is the full fit's exponent,
    /// [alpha_ci_low, alpha_ci_high] its primary interval (power: t-interval; saturating: bootstrap percentile), and
    /// α₋ the exponent refitted without the largest size (the second-last entry of <c>alpha_by_max_size</c>). That
    /// list starts one size beyond the law's minimum, so the rule needs 4 sizes (power) or 5 (saturating), and an
    /// interval; otherwise there is no flag. On data that follow the law the difference is mostly noise, and it
    /// exceeds the half-width rarely when there are many sizes and more often when there are few.
    /// </summary>
    public const string NotSettled = "not-settled";
}
