namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>
/// S = H + δI by its lower Cholesky factor L (<see cref="BlockedCholesky"/>, in parallel pieces of fixed shape), in
/// native memory freed on dispose. A solve is two triangular solves with L (one pass over its triangle), or, when the
/// caller asked for it because it will solve many times, one symmetric product with S⁻¹ formed once by LAPACK's
/// <c>dpotri</c> (half that reading per solve, for 2n³/3 more flops on one thread up front).
/// </summary>
internal sealed unsafe class NativeCholeskyFactor : ICholeskyFactor
{
    /// <summary>L in the row-major lower triangle, or S⁻¹ there once formed.</summary>
    private readonly NativeBuffer<double> _matrix;
    private readonly NativeBuffer<double> _row;

    public NativeCholeskyFactor(int n, double[] symmetric, double shift, bool formInverse)
    {
        Order = n;
        HoldsInverse = formInverse;
        _matrix = new NativeBuffer<double>((long)n * n);
        _row = new NativeBuffer<double>(n);
        fixed (double* source = symmetric)
        {
            Buffer.MemoryCopy(source, _matrix.Pointer, 8L * n * n, 8L * n * n);
        }

        for (long i = 0; i < n; i++)
        {
            _matrix.Pointer[i * n + i] += shift;
        }

        var info = BlockedCholesky.FactorLower(n, _matrix.Pointer);
        if (info == 0 && formInverse)
        {
            // The row-major lower triangle is LAPACK's column-major upper one (S = UᵀU, U = Lᵀ); S⁻¹ comes back there.
            byte uplo = (byte)'U';
            int order = n, lda = Math.Max(1, n);
            NativeBlas.dpotri_(&uplo, &order, _matrix.Pointer, &lda, &info);
        }

        if (info != 0)
        {
            Dispose();
            throw new InvalidOperationException($"Cholesky factorisation failed with info = {info}: the matrix is not positive definite");
        }
    }

    public int Order { get; }

    public bool HoldsInverse { get; }

    public long Bytes => 8L * Order * Order;

    public double SolveRows(int rows, double[] right)
    {
        var n = Order;
        fixed (double* pb = right)
        {
            for (var r = 0; r < rows; r++)
            {
                var target = pb + (long)r * n;
                if (HoldsInverse)
                {
                    Buffer.MemoryCopy(target, _row.Pointer, 8L * n, 8L * n);
                    NativeBlas.cblas_dsymv(NativeBlas.RowMajor, NativeBlas.Lower, n, 1.0, _matrix.Pointer, n,
                        _row.Pointer, 1, 0.0, target, 1);
                }
                else
                {
                    // S x = r: L y = r, then Lᵀ x = y.
                    NativeBlas.cblas_dtrsv(NativeBlas.RowMajor, NativeBlas.Lower, NativeBlas.NoTrans, NativeBlas.NonUnit,
                        n, _matrix.Pointer, n, target, 1);
                    NativeBlas.cblas_dtrsv(NativeBlas.RowMajor, NativeBlas.Lower, NativeBlas.Trans, NativeBlas.NonUnit,
                        n, _matrix.Pointer, n, target, 1);
                }
            }
        }

        return 2.0 * rows * n * (double)n;
    }

    public void Dispose()
    {
        _matrix.Dispose();
        _row.Dispose();
    }
}
