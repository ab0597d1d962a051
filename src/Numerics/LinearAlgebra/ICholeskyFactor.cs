namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>
/// A shifted symmetric positive definite matrix S = H + δI (n×n) prepared by its Cholesky factor for repeated solves
/// (natively as S⁻¹ itself, formed from the factor). Disposing it frees its n² doubles at once.
/// </summary>
public interface ICholeskyFactor : IDisposable
{
    /// <summary>n.</summary>
    int Order { get; }

    /// <summary>Bytes the factor holds.</summary>
    long Bytes { get; }

    /// <summary>Flops spent preparing it: n³ (the factor n³/3 and, natively, the inverse 2n³/3; counted alike).</summary>
    double FactorFlops => (double)Order * Order * Order;

    /// <summary>
    /// Replaces each row r of the row-major <paramref name="rows"/>×n array <paramref name="right"/> by r S⁻¹ (S is
    /// symmetric, so this is the solve S x = rᵀ). Returns the flops (2n² per row).
    /// </summary>
    double SolveRows(int rows, double[] right);
}
