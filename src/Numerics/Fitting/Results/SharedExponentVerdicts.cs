namespace Orchestrator.Numerics.Fitting;

/// <summary>The verdicts of the shared-exponent test, at the 5% level.</summary>
public static class SharedExponentVerdicts
{
    /// <summary>F-test p ≥ 0.05 and ΔAIC ≤ 0: one exponent with per-optimizer coefficients suffices.</summary>
    public const string Shared = "shared";

    /// <summary>F-test p &lt; 0.05 and ΔAIC &gt; 0: the optimizers have different exponents.</summary>
    public const string Separate = "separate";

    /// <summary>The F-test and AIC disagree.</summary>
    public const string Ambiguous = "ambiguous";

    /// <summary>Fewer than two optimizers with two sizes each, or no residual degrees of freedom.</summary>
    public const string InsufficientData = "insufficient-data";
}
