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
}
