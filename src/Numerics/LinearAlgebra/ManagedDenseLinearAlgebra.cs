using System.Numerics;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>
/// Fallback on MathNet.Numerics' managed provider (column-major). A row-major m×n array is the column-major n×m
/// transpose, so C = op(A)·op(B) is computed as Cᵀ = op(B)ᵀ·op(A)ᵀ without copying.
/// </summary>
public sealed class ManagedDenseLinearAlgebra : IDenseLinearAlgebra
{
    public static ManagedDenseLinearAlgebra Instance { get; } = new();

    private static readonly ManagedLinearAlgebraProvider Provider = ManagedLinearAlgebraProvider.Instance;

    public string Name => "managed";

    public void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
        double alpha, double[] a, double[] b, double beta, double[] c)
    {
        // Column-major views: B's array is n×k (or k×n when transposed), A's is k×m (or m×k when transposed).
        var opB = transposeB ? Transpose.Transpose : Transpose.DontTranspose;
        var opA = transposeA ? Transpose.Transpose : Transpose.DontTranspose;
        var (bRows, bCols) = transposeB ? (k, n) : (n, k);
        var (aRows, aCols) = transposeA ? (m, k) : (k, m);
        Provider.MatrixMultiplyWithUpdate(opB, opA, alpha, b, bRows, bCols, a, aRows, aCols, beta, c);
    }

    public void MultiplySymmetric(int m, int n, double[] a, double[] symmetric, double[] c) =>
        Multiply(false, false, m, n, n, 1.0, a, symmetric, 0.0, c);

    public void SymmetricRankUpdate(int n, int k, double alpha, double[] a, double beta, double[] c) =>
        Multiply(false, true, n, n, k, alpha, a, a, beta, c);

    public SymmetricEigendecomposition Eigendecompose(int n, double[] symmetric)
    {
        var input = (double[])symmetric.Clone();
        var vectors = new double[(long)n * n];
        var values = new Complex[n];
        var blockDiagonal = new double[(long)n * n];
        Provider.EigenDecomp(true, n, input, vectors, values, blockDiagonal);
        var eigenvalues = new double[n];
        for (var i = 0; i < n; i++)
        {
            eigenvalues[i] = values[i].Real;
        }

        // Column-major eigenvector columns read row-major are rows: exactly the Uᵀ layout.
        return new SymmetricEigendecomposition(n, eigenvalues, vectors);
    }

    /// <summary>The input copy, MathNet's block-diagonal output and its complex eigenvalues (O(n) work not counted).</summary>
    public long EigendecompositionWorkspaceBytes(int n) => 16L * n * n + 16L * n;

    public ICholeskyFactor FactorCholesky(int n, double[] symmetric, double shift, bool formInverse) =>
        new ManagedCholeskyFactor(n, symmetric, shift, formInverse);
}
