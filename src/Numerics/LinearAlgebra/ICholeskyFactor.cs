namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>
/// A shifted symmetric positive definite matrix S = H + δI (n×n) prepared by its Cholesky factor for repeated solves:
/// each solve by two triangular solves with the factor, or, when <see cref="HoldsInverse"/>, by one product with S⁻¹
/// formed once from it. Disposing it frees its n² doubles at once.
/// </summary>
public interface ICholeskyFactor : IDisposable
{
    /// <summary>n.</summary>
    int Order { get; }

    /// <summary>True when S⁻¹ was formed (asked for by a caller that solves many times).</summary>
    bool HoldsInverse { get; }

    /// <summary>Bytes the factor holds.</summary>
    long Bytes { get; }

    /// <summary>Flops spent preparing it: the factor's n³/3, and S⁻¹'s 2n³/3 when formed.</summary>
    double FactorFlops => (HoldsInverse ? 1.0 : 1.0 / 3.0) * Order * Order * (double)Order;

    /// <summary>
    /// Replaces each row r of the row-major <paramref name="rows"/>×n array <paramref name="right"/> by r S⁻¹ (S is
    /// symmetric, so this is the solve S x = rᵀ). Returns the flops (2n² per row, either way).
    /// </summary>
    double SolveRows(int rows, double[] right);
}
