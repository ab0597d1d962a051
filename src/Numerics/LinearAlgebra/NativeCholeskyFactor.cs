namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>
/// (H + δI)⁻¹ by LAPACK <c>dpotrf</c> and <c>dpotri</c>, held in native memory and freed on dispose (a large managed
/// array would stay resident until a full garbage collection). A solve is then one <c>cblas_dsymv</c> per row over
/// the inverse's lower triangle: half a pass over n², where the two triangular solves of <c>dpotrs</c> take a full
/// one at a lower rate. One OpenBLAS thread, so the bits do not depend on the thread count.
/// </summary>
internal sealed unsafe class NativeCholeskyFactor : ICholeskyFactor
{
    private readonly NativeBuffer<double> _inverse;
    private readonly NativeBuffer<double> _row;

    public NativeCholeskyFactor(int n, double[] symmetric, double shift)
    {
        Order = n;
        _inverse = new NativeBuffer<double>((long)n * n);
        _row = new NativeBuffer<double>(n);
        fixed (double* source = symmetric)
        {
            Buffer.MemoryCopy(source, _inverse.Pointer, 8L * n * n, 8L * n * n);
        }

        for (long i = 0; i < n; i++)
        {
            _inverse.Pointer[i * n + i] += shift;
        }

        // A symmetric row-major array is the same matrix column-major; LAPACK works on its lower triangle.
        byte uplo = (byte)'L';
        int order = n, lda = Math.Max(1, n), info = 0;
        NativeBlas.dpotrf_(&uplo, &order, _inverse.Pointer, &lda, &info);
        if (info == 0)
        {
            NativeBlas.dpotri_(&uplo, &order, _inverse.Pointer, &lda, &info);
        }

        if (info != 0)
        {
            Dispose();
            throw new InvalidOperationException($"LAPACK dpotrf/dpotri failed with info = {info}: the matrix is not positive definite");
        }
    }

    public int Order { get; }

    public long Bytes => 8L * Order * Order;

    public double SolveRows(int rows, double[] right)
    {
        var n = Order;
        fixed (double* pb = right)
        {
            for (var r = 0; r < rows; r++)
            {
                var target = pb + (long)r * n;
                Buffer.MemoryCopy(target, _row.Pointer, 8L * n, 8L * n);
                // The inverse is in the column-major lower triangle.
                NativeBlas.cblas_dsymv(NativeBlas.ColumnMajor, NativeBlas.Lower, n, 1.0, _inverse.Pointer, n,
                    _row.Pointer, 1, 0.0, target, 1);
            }
        }

        return 2.0 * rows * n * (double)n;
    }

    public void Dispose()
    {
        _inverse.Dispose();
        _row.Dispose();
    }
}
