namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>Dense kernels on native OpenBLAS/LAPACK. Use only when <see cref="NativeBlas.IsAvailable"/>.</summary>
public sealed unsafe class NativeDenseLinearAlgebra : IDenseLinearAlgebra
{
    public static NativeDenseLinearAlgebra Instance { get; } = new();

    public string Name => "openblas";

    /// <summary>Products with at most this many rows in A go row by row through dgemv.</summary>
    private const int RowByRowLimit = 4;

    /// <remarks>
    /// OpenBLAS' dgemm is several times slower than dgemv when op(A) has very few rows (a K×N readout times an N×N
    /// matrix with K ≤ 4); those products run as one dgemv per row: cᵢ = op(B)ᵀ aᵢ.
    /// </remarks>
    public void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
        double alpha, double[] a, double[] b, double beta, double[] c)
    {
        fixed (double* pa = a, pb = b, pc = c)
        {
            if (!transposeA && m <= RowByRowLimit)
            {
                for (var row = 0; row < m; row++)
                {
                    // op(B) = B (k×n): c = Bᵀa, a transposed dgemv; op(B) = Bᵀ (B is n×k): c = B a.
                    NativeBlas.cblas_dgemv(NativeBlas.RowMajor, transposeB ? NativeBlas.NoTrans : NativeBlas.Trans,
                        transposeB ? n : k, transposeB ? k : n, alpha, pb, transposeB ? k : n,
                        pa + (long)row * k, 1, beta, pc + (long)row * n, 1);
                }

                return;
            }

            NativeBlas.cblas_dgemm(NativeBlas.RowMajor,
                transposeA ? NativeBlas.Trans : NativeBlas.NoTrans,
                transposeB ? NativeBlas.Trans : NativeBlas.NoTrans,
                m, n, k, alpha, pa, transposeA ? m : k, pb, transposeB ? k : n, beta, pc, n);
        }
    }

    public void SymmetricRankUpdate(int n, int k, double alpha, double[] a, double beta, double[] c)
    {
        fixed (double* pa = a, pc = c)
        {
            NativeBlas.cblas_dsyrk(NativeBlas.RowMajor, NativeBlas.Lower, NativeBlas.NoTrans,
                n, k, alpha, pa, k, beta, pc, n);
        }
    }

    /// <remarks>
    /// OpenBLAS' threaded symmetric kernels inside <c>dsyevd</c> split reductions by thread, so its output changes in
    /// the last bits with the thread count. The call therefore runs on one BLAS thread, under a process-wide lock
    /// (the thread count is global); gemm/syrk results do not depend on the thread count, so concurrent products
    /// elsewhere only run slower for that time.
    /// </remarks>
    public SymmetricEigendecomposition Eigendecompose(int n, double[] symmetric)
    {
        lock (NativeBlas.ThreadCountGate)
        {
            var threads = NativeBlas.GetThreadCount();
            NativeBlas.SetThreadCountUnlocked(1);
            try
            {
                return EigendecomposeSingleThreaded(n, symmetric);
            }
            finally
            {
                NativeBlas.SetThreadCountUnlocked(threads);
            }
        }
    }

    private static SymmetricEigendecomposition EigendecomposeSingleThreaded(int n, double[] symmetric)
    {
        // Column-major LAPACK on a symmetric row-major array sees the same matrix; on exit column i (row i in our
        // row-major reading) is the i-th eigenvector: the Uᵀ layout.
        var vectors = (double[])symmetric.Clone();
        var values = new double[n];
        byte jobz = (byte)'V', uplo = (byte)'U';
        int order = n, lda = Math.Max(1, n), info = 0;

        // Workspace query, then the real call.
        int lwork = -1, liwork = -1, iworkQuery = 0;
        double workQuery = 0;
        fixed (double* pa = vectors, pw = values)
        {
            NativeBlas.dsyevd_(&jobz, &uplo, &order, pa, &lda, pw, &workQuery, &lwork, &iworkQuery, &liwork, &info);
            ThrowOnError(info);
            lwork = (int)workQuery;
            liwork = iworkQuery;
            var work = new double[lwork];
            var iwork = new int[liwork];
            fixed (double* pwork = work)
            fixed (int* piwork = iwork)
            {
                NativeBlas.dsyevd_(&jobz, &uplo, &order, pa, &lda, pw, pwork, &lwork, piwork, &liwork, &info);
            }
        }

        ThrowOnError(info);
        return new SymmetricEigendecomposition(n, values, vectors);
    }

    private static void ThrowOnError(int info)
    {
        if (info != 0)
        {
            throw new InvalidOperationException($"LAPACK dsyevd failed with info = {info}");
        }
    }
}
