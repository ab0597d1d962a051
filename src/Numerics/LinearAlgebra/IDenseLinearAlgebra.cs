namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>
/// The few dense kernels the numerics need, on row-major <c>double[]</c> arrays whose lengths are exactly the
/// matrix sizes. Implementations: native OpenBLAS/LAPACK (<see cref="NativeDenseLinearAlgebra"/>) and the managed
/// MathNet provider (<see cref="ManagedDenseLinearAlgebra"/>); they agree to rounding (≈1e-12 relative on results).
/// Every method is thread-safe for distinct output arrays.
/// </summary>
public interface IDenseLinearAlgebra
{
    /// <summary>A short name for reports, e.g. <c>openblas</c> or <c>managed</c>.</summary>
    string Name { get; }

    /// <summary>
    /// C ← α·op(A)·op(B) + β·C with op(A) m×k, op(B) k×n, C m×n. A is stored m×k (or k×m when
    /// <paramref name="transposeA"/>), B is stored k×n (or n×k when <paramref name="transposeB"/>).
    /// </summary>
    void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
        double alpha, double[] a, double[] b, double beta, double[] c);

    /// <summary>
    /// C ← A·S for A m×n and S n×n symmetric (both triangles stored), reading only one triangle of S where the
    /// implementation can: half the memory traffic of <see cref="Multiply"/> for the matrix-vector products
    /// (small m) that are bound by it.
    /// </summary>
    void MultiplySymmetric(int m, int n, double[] a, double[] symmetric, double[] c);

    /// <summary>
    /// C ← α·A·Aᵀ + β·C for A stored n×k. Guarantees the lower triangle (row-major j ≤ i); the upper triangle is
    /// unspecified until <see cref="DenseMatrix.SymmetrizeFromLower"/> is called.
    /// </summary>
    void SymmetricRankUpdate(int n, int k, double alpha, double[] a, double beta, double[] c);

    /// <summary>
    /// Eigendecomposition of the symmetric n×n matrix <paramref name="symmetric"/> (read, not modified):
    /// eigenvalues ascending, eigenvectors orthonormal to working precision.
    /// </summary>
    SymmetricEigendecomposition Eigendecompose(int n, double[] symmetric);

    /// <summary>Bytes <see cref="Eigendecompose"/> allocates beyond its result while it runs.</summary>
    long EigendecompositionWorkspaceBytes(int n);

    /// <summary>
    /// (<paramref name="symmetric"/> + <paramref name="shift"/>·I)⁻¹ by its Cholesky factor (n×n, read, not
    /// modified), for repeated solves; with <paramref name="formInverse"/> the inverse itself is formed from the factor,
    /// which pays when many solves follow. Its n² doubles are freed when it is disposed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The shifted matrix is not positive definite.</exception>
    ICholeskyFactor FactorCholesky(int n, double[] symmetric, double shift, bool formInverse);
}
