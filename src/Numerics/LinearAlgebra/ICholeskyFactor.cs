namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>
/// The Cholesky factor of a shifted symmetric positive definite matrix S = H + δI (n×n), for repeated solves.
/// Disposing it frees the factor at once (it is n² doubles).
/// </summary>
public interface ICholeskyFactor : IDisposable
{
    /// <summary>n.</summary>
    int Order { get; }

    /// <summary>Bytes the factor holds.</summary>
    long Bytes { get; }

    /// <summary>
    /// Replaces each row r of the row-major <paramref name="rows"/>×n array <paramref name="right"/> by r S⁻¹ (S is
    /// symmetric, so this is the solve S x = rᵀ). Returns the flops (2n² per row).
    /// </summary>
    double SolveRows(int rows, double[] right);
}
