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

    /// <summary>Saturating and size × time law: the best α lies on the first or last point of the α grid.</summary>
    public const string AlphaAtBound = "alpha-at-bound";

    /// <summary>Saturating and size × time law: the loss floor E is at its bound 0 (the data show no floor):
    /// E is under 1e-6 of the smallest loss.</summary>
    public const string EAtBound = "E-at-bound";

    /// <summary>Saturating and size × time law: the coefficient A is at its bound 0 (no decay in N; α is not identified):
    /// A·N_max^(−α) is under 1e-6 of the smallest loss.</summary>
    public const string AAtBound = "A-at-bound";

    /// <summary>Size × time law: the best β lies on the first or last point of its grid, or on the range's bound.</summary>
    public const string BetaAtBound = "beta-at-bound";

    /// <summary>Size × time law: the coefficient B is at its bound 0 (no decay in τ; β is not identified):
    /// B·τ_max^(−β) is under 1e-6 of the smallest loss.</summary>
    public const string BAtBound = "B-at-bound";

    /// <summary>Size × time law: largest / smallest τ under 10 (under one decade of time).</summary>
    public const string NarrowTimeSpan = "narrow-time-span";

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
    /// law: the bootstrap interval of the refit's cluster-bootstrap predictions combined in quadrature with
    /// t · s_w / √n_h, the spread of the held-out mean from the refit's pooled within-size variance. Needs 3 sizes
    /// (power) or 4 (saturating) and, for the interval, more cells than parameters (power) or a bootstrap (saturating);
    /// without an interval there is no flag.
    /// </summary>
    public const string DoesNotExtrapolate = "does-not-extrapolate";

    /// <summary>
    /// α has not settled with size: |α₋ − α| > (alpha_ci_high − alpha_ci_low) / 2, where α is the full fit's exponent,
    /// [alpha_ci_low, alpha_ci_high] its primary interval (power: t-interval; saturating: bootstrap interval), and
    /// α₋ the exponent refitted without the largest size (the second-last entry of <c>alpha_by_max_size</c>). That
    /// list starts one size beyond the law's minimum, so the rule needs 4 sizes (power) or 5 (saturating), and an
    /// interval; otherwise there is no flag. On data that follow the law the difference is mostly noise, and it
    /// exceeds the half-width rarely when there are many sizes and more often when there are few.
    /// </summary>
    public const string NotSettled = "not-settled";

    /// <summary>
    /// The exponent depends on the objective: |α − α_check| &gt; k · h.
    /// <list type="bullet">
    /// <item>α is the reported fit's exponent; α_check (<c>alpha_check</c>) the other objective's point estimate on the
    /// same cells: the Huber loss with δ = <see cref="FitOptions.HuberDelta"/> (default <see cref="HuberLoss.DefaultDelta"/>)
    /// for a least-squares fit, least squares for a Huber fit.</item>
    /// <item>h is the larger of the fit's primary α interval's half-width (alpha_ci_high − alpha_ci_low) / 2 and the
    /// interval's reach from α towards α_check (alpha_ci_high − α when α_check &gt; α, else α − alpha_ci_low), so that a
    /// lopsided interval, as near the bound E = 0, counts with its long side when that is α_check's side.</item>
    /// <item>k = 1 for a Huber fit. For a least-squares fit k = min(1, 2 · s_robust / rms_log), with rms_log the fit's
    /// root mean square log residual and s_robust = 1.4826 × the median |log residual| of the Huber fit of the same
    /// law: a few cells far from the law (one bad seed) widen the least-squares interval as much as they move α, which
    /// would hide them, and k takes that widening out; normal residuals keep rms_log under 2 · s_robust, so on clean
    /// data k = 1.</item>
    /// </list>
    /// Not evaluated when α is fixed or either α or the interval is undefined.
    /// </summary>
    public const string OutlierSensitive = "outlier-sensitive";
}
