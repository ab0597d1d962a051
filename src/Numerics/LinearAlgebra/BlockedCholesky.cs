namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>
/// The lower Cholesky factor S = L Lᵀ of a symmetric positive definite n×n row-major matrix, in place, by a blocked
/// right-looking factorisation on native OpenBLAS: per block column of <see cref="BlockSize"/>, LAPACK's
/// <c>dpotrf</c> on the diagonal block, a triangular solve for the panel below it and a rank-<see cref="BlockSize"/>
/// update of the trailing lower triangle. The panel and the trailing update (nearly all of the n³/3 flops) are split
/// into <see cref="FixedPartition"/> pieces that run in parallel, so the factor's bits depend on n only, never on the
/// thread count (LAPACK's own <c>dpotrf</c> runs on one thread).
/// </summary>
internal static unsafe class BlockedCholesky
{
    /// <summary>Columns per block: the trailing updates are rank-256 products, near the dgemm rate.</summary>
    public const int BlockSize = 256;

    /// <summary>
    /// Overwrites the lower triangle (row-major j ≤ i) of <paramref name="a"/> (leading dimension n) with L; the
    /// strict upper triangle is left as it was.
    /// </summary>
    /// <returns>0, or the 1-based order of the first leading minor that is not positive definite (LAPACK's info).</returns>
    public static int FactorLower(int n, double* a)
    {
        nint na = (nint)a;
        for (var k0 = 0; k0 < n; k0 += BlockSize)
        {
            var width = Math.Min(BlockSize, n - k0);
            var diagonal = a + (long)k0 * n + k0;
            // The row-major lower triangle of the block is LAPACK's column-major upper one: S = UᵀU with U = Lᵀ.
            byte uplo = (byte)'U';
            int order = width, lda = n, info = 0;
            NativeBlas.dpotrf_(&uplo, &order, diagonal, &lda, &info);
            if (info != 0)
            {
                return k0 + info;
            }

            var below = n - k0 - width;
            if (below == 0)
            {
                break;
            }

            var k1 = k0 + width;
            // Panel: X = S[k1:, k0:k1] · L_kk⁻ᵀ, rows independent of each other.
            var panelSplit = DenseMatrix.MultiplyFlops(below, width, width) / 2 >= FixedPartition.MinimumFlops;
            FixedPartition.Run(panelSplit ? FixedPartition.Even(below) : [0, below], (r0, r1) =>
                NativeBlas.cblas_dtrsm(NativeBlas.RowMajor, NativeBlas.Right, NativeBlas.Lower, NativeBlas.Trans,
                    NativeBlas.NonUnit, r1 - r0, width, 1.0, (double*)na + (long)k0 * n + k0, n,
                    (double*)na + (long)(k1 + r0) * n + k0, n));

            // Trailing lower triangle: S[k1:, k1:] −= X Xᵀ, in row panels: a gemm left of the diagonal block, a syrk on it.
            var trailingSplit = DenseMatrix.SymmetricRankUpdateFlops(below, width) >= FixedPartition.MinimumFlops;
            FixedPartition.Run(trailingSplit ? FixedPartition.Triangular(below) : [0, below], (r0, r1) =>
            {
                var panel = (double*)na + (long)(k1 + r0) * n + k0;
                var target = (double*)na + (long)(k1 + r0) * n + k1;
                if (r0 > 0)
                {
                    NativeBlas.cblas_dgemm(NativeBlas.RowMajor, NativeBlas.NoTrans, NativeBlas.Trans, r1 - r0, r0, width,
                        -1.0, panel, n, (double*)na + (long)k1 * n + k0, n, 1.0, target, n);
                }

                NativeBlas.cblas_dsyrk(NativeBlas.RowMajor, NativeBlas.Lower, NativeBlas.NoTrans, r1 - r0, width,
                    -1.0, panel, n, 1.0, target + r0, n);
            });
        }

        return 0;
    }
}
