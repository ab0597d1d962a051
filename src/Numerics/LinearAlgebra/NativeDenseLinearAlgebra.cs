namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>
/// Dense kernels on native OpenBLAS/LAPACK, one OpenBLAS thread per call; large products are split into
/// <see cref="FixedPartition"/> pieces that run in parallel, so results do not depend on the thread count.
/// Use only when <see cref="NativeBlas.IsAvailable"/>.
/// </summary>
public sealed unsafe class NativeDenseLinearAlgebra : IDenseLinearAlgebra
{
    /// <summary>Products whose op(A) has at most this many rows run as dgemv per row (dgemm is slow there).</summary>
    private const int RowByRowLimit = 4;

    /// <summary>The default: MRRR eigensolver (<c>dsyevr</c>), the one with O(n) workspace.</summary>
    public static NativeDenseLinearAlgebra Instance { get; } = new(NativeEigensolver.RelativelyRobust);

    /// <summary>The same kernels with LAPACK's divide-and-conquer eigensolver (<c>dsyevd</c>).</summary>
    public static NativeDenseLinearAlgebra WithDivideAndConquer { get; } = new(NativeEigensolver.DivideAndConquer);

    private NativeDenseLinearAlgebra(NativeEigensolver eigensolver) => Eigensolver = eigensolver;

    public NativeEigensolver Eigensolver { get; }

    public string Name => Eigensolver == NativeEigensolver.RelativelyRobust ? "openblas" : "openblas-dsyevd";

    public void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
        double alpha, double[] a, double[] b, double beta, double[] c)
    {
        var split = DenseMatrix.MultiplyFlops(m, n, k) >= FixedPartition.MinimumFlops;
        fixed (double* pa = a, pb = b, pc = c)
        {
            nint na = (nint)pa, nb = (nint)pb, nc = (nint)pc;
            if (!transposeA && m <= RowByRowLimit)
            {
                // cᵢ[j0:j1] = op(B)[:, j0:j1]ᵀ aᵢ, one dgemv per row and piece of columns.
                FixedPartition.Run(split ? FixedPartition.Even(n) : [0, n], (j0, j1) =>
                {
                    var width = j1 - j0;
                    for (var row = 0; row < m; row++)
                    {
                        var x = (double*)na + (long)row * k;
                        var y = (double*)nc + (long)row * n + j0;
                        if (transposeB)
                        {
                            NativeBlas.cblas_dgemv(NativeBlas.RowMajor, NativeBlas.NoTrans, width, k, alpha,
                                (double*)nb + (long)j0 * k, k, x, 1, beta, y, 1);
                        }
                        else
                        {
                            NativeBlas.cblas_dgemv(NativeBlas.RowMajor, NativeBlas.Trans, k, width, alpha,
                                (double*)nb + j0, n, x, 1, beta, y, 1);
                        }
                    }
                });
                return;
            }

            int lda = transposeA ? m : k, ldb = transposeB ? k : n;
            int opA = transposeA ? NativeBlas.Trans : NativeBlas.NoTrans, opB = transposeB ? NativeBlas.Trans : NativeBlas.NoTrans;
            if (!split)
            {
                NativeBlas.cblas_dgemm(NativeBlas.RowMajor, opA, opB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, n);
            }
            else if (m >= n)
            {
                // Pieces of rows of C: rows of A (columns when A is stored transposed).
                FixedPartition.Run(FixedPartition.Even(m), (r0, r1) =>
                    NativeBlas.cblas_dgemm(NativeBlas.RowMajor, opA, opB, r1 - r0, n, k, alpha,
                        (double*)na + (transposeA ? r0 : (long)r0 * k), lda, (double*)nb, ldb, beta,
                        (double*)nc + (long)r0 * n, n));
            }
            else
            {
                // Pieces of columns of C: columns of B (rows when B is stored transposed).
                FixedPartition.Run(FixedPartition.Even(n), (c0, c1) =>
                    NativeBlas.cblas_dgemm(NativeBlas.RowMajor, opA, opB, m, c1 - c0, k, alpha, (double*)na, lda,
                        (double*)nb + (transposeB ? (long)c0 * k : c0), ldb, beta, (double*)nc + c0, n));
            }
        }
    }

    /// <remarks>
    /// One <c>cblas_dsymv</c> per row of A on one OpenBLAS thread, unsplit: it reads the lower triangle once, so the
    /// thread count changes neither its bits nor (for a memory-bound product) much of its speed.
    /// </remarks>
    public void MultiplySymmetric(int m, int n, double[] a, double[] symmetric, double[] c)
    {
        fixed (double* pa = a, ps = symmetric, pc = c)
        {
            for (var row = 0; row < m; row++)
            {
                NativeBlas.cblas_dsymv(NativeBlas.RowMajor, NativeBlas.Lower, n, 1.0, ps, n, pa + (long)row * n, 1,
                    0.0, pc + (long)row * n, 1);
            }
        }
    }

    public void SymmetricRankUpdate(int n, int k, double alpha, double[] a, double beta, double[] c)
    {
        fixed (double* pa = a, pc = c)
        {
            if (DenseMatrix.SymmetricRankUpdateFlops(n, k) < FixedPartition.MinimumFlops)
            {
                NativeBlas.cblas_dsyrk(NativeBlas.RowMajor, NativeBlas.Lower, NativeBlas.NoTrans, n, k, alpha, pa, k, beta, pc, n);
                return;
            }

            nint na = (nint)pa, nc = (nint)pc;
            // Row panel [r0, r1) of the lower triangle: a gemm left of the diagonal block, a syrk on it.
            FixedPartition.Run(FixedPartition.Triangular(n), (r0, r1) =>
            {
                var panel = (double*)na + (long)r0 * k;
                var target = (double*)nc + (long)r0 * n;
                if (r0 > 0)
                {
                    NativeBlas.cblas_dgemm(NativeBlas.RowMajor, NativeBlas.NoTrans, NativeBlas.Trans, r1 - r0, r0, k,
                        alpha, panel, k, (double*)na, k, beta, target, n);
                }

                NativeBlas.cblas_dsyrk(NativeBlas.RowMajor, NativeBlas.Lower, NativeBlas.NoTrans, r1 - r0, k,
                    alpha, panel, k, beta, target + r0, n);
            });
        }
    }

    /// <remarks>Runs on one thread (OpenBLAS is kept single-threaded; see <see cref="NativeBlas"/>).</remarks>
    public SymmetricEigendecomposition Eigendecompose(int n, double[] symmetric) =>
        Eigensolver == NativeEigensolver.RelativelyRobust
            ? EigendecomposeRelativelyRobust(n, symmetric)
            : EigendecomposeDivideAndConquer(n, symmetric);

    /// <summary>
    /// Workspace beyond the result: dsyevr needs the input copy (it destroys its input) and O(n) arrays; dsyevd
    /// works in the copy that becomes the eigenvectors but needs 1 + 6n + 2n² doubles and 3 + 5n integers.
    /// </summary>
    public long EigendecompositionWorkspaceBytes(int n) =>
        Eigensolver == NativeEigensolver.RelativelyRobust
            ? 8L * n * n + 8L * 26 * n + 4L * (10 * n + 2 * n)
            : 8L * (1 + 6L * n + 2L * n * n) + 4L * (3 + 5L * n);

    /// <remarks>
    /// The factor runs in pieces of fixed shape (<see cref="BlockedCholesky"/>); the inverse, when formed, on one thread.
    /// </remarks>
    public ICholeskyFactor FactorCholesky(int n, double[] symmetric, double shift, bool formInverse) =>
        new NativeCholeskyFactor(n, symmetric, shift, formInverse);

    /// <summary>All eigenpairs by LAPACK's divide-and-conquer driver <c>dsyevd</c>.</summary>
    public static SymmetricEigendecomposition EigendecomposeDivideAndConquer(int n, double[] symmetric)
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
            using var work = new NativeBuffer<double>(lwork);
            using var iwork = new NativeBuffer<int>(liwork);
            NativeBlas.dsyevd_(&jobz, &uplo, &order, pa, &lda, pw, work.Pointer, &lwork, iwork.Pointer, &liwork, &info);
        }

        ThrowOnError(info);
        return new SymmetricEigendecomposition(n, values, vectors);
    }

    /// <summary>
    /// All eigenpairs by LAPACK's MRRR driver <c>dsyevr</c>: O(n) workspace where <c>dsyevd</c> needs 2n² doubles,
    /// so a decomposition peaks at H, its copy and the eigenvectors (3n²) instead of 4n².
    /// </summary>
    public static SymmetricEigendecomposition EigendecomposeRelativelyRobust(int n, double[] symmetric)
    {
        var vectors = new double[(long)n * n];
        var values = new double[n];
        byte jobz = (byte)'V', range = (byte)'A', uplo = (byte)'U';
        int order = n, lda = Math.Max(1, n), ldz = Math.Max(1, n), il = 0, iu = 0, found = 0, info = 0;
        double vl = 0, vu = 0, abstol = 0;
        int lwork = -1, liwork = -1, iworkQuery = 0;
        double workQuery = 0;

        // The input copy and the work arrays live in native memory, freed on return, so the n² copy does not
        // linger as garbage on the large-object heap.
        using var input = new NativeBuffer<double>((long)n * n);
        using var support = new NativeBuffer<int>(2L * Math.Max(1, n));
        fixed (double* source = symmetric)
        {
            Buffer.MemoryCopy(source, input.Pointer, 8L * n * n, 8L * n * n);
        }

        fixed (double* pw = values, pz = vectors)
        {
            NativeBlas.dsyevr_(&jobz, &range, &uplo, &order, input.Pointer, &lda, &vl, &vu, &il, &iu, &abstol, &found,
                pw, pz, &ldz, support.Pointer, &workQuery, &lwork, &iworkQuery, &liwork, &info);
            ThrowOnError(info);
            lwork = (int)workQuery;
            liwork = iworkQuery;
            using var work = new NativeBuffer<double>(lwork);
            using var iwork = new NativeBuffer<int>(liwork);
            NativeBlas.dsyevr_(&jobz, &range, &uplo, &order, input.Pointer, &lda, &vl, &vu, &il, &iu, &abstol, &found,
                pw, pz, &ldz, support.Pointer, work.Pointer, &lwork, iwork.Pointer, &liwork, &info);
        }

        ThrowOnError(info);
        if (found != n)
        {
            throw new InvalidOperationException($"LAPACK dsyevr found {found} of {n} eigenvalues");
        }

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
