namespace Orchestrator.Numerics.Fitting;

/// <summary>The values of the <c>law</c> field of fits and shifts.</summary>
public static class LawNames
{
    /// <summary>L = A·N^(−α), fitted by OLS of log L on log N.</summary>
    public const string Power = "power";

    /// <summary>L = E + A·N^(−α) with E, A ≥ 0, fitted by variable projection on squared log residuals.</summary>
    public const string Saturating = "saturating";

    /// <summary>L = E + A·N^(−α) + B·τ^(−β) over the loss curves, τ = η·t (the <c>size_time_fits</c>).</summary>
    public const string SizeTime = "size-time";
}
