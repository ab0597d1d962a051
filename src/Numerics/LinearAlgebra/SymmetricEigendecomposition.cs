namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>
/// H = Σᵢ κᵢ uᵢ uᵢᵀ. <see cref="Eigenvalues"/> ascending (κ₀ ≤ … ≤ κ_{n−1}); <see cref="Eigenvectors"/> is row-major
/// n×n with row i = uᵢ, i.e. the matrix Uᵀ. Rotating a K×n row-major readout into the eigenbasis is therefore
/// Ã = A·Uᵀᵀ = Multiply(transposeB: true, A, Eigenvectors).
/// </summary>
public sealed record SymmetricEigendecomposition(int Order, double[] Eigenvalues, double[] Eigenvectors)
{
    /// <summary>Largest eigenvalue κ_max.</summary>
    public double LargestEigenvalue => Eigenvalues[^1];

    /// <summary>Bytes held by the two arrays.</summary>
    public long Bytes => 8L * (Eigenvalues.Length + Eigenvectors.Length);

    /// <summary>Flop estimate of a symmetric eigendecomposition with vectors: 9n³ (Golub &amp; Van Loan, §8.3).</summary>
    public static double EstimatedFlops(int order) => 9.0 * order * (double)order * order;
}
