namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>
/// LAPACK <c>dpotrf</c>/<c>dpotrs</c> on a copy of the matrix in native memory, freed on dispose (a large managed
/// array would stay resident until a full garbage collection). One OpenBLAS thread, so the bits do not depend on
/// the thread count.
/// </summary>
internal sealed unsafe class NativeCholeskyFactor : ICholeskyFactor
{
    private readonly NativeBuffer<double> _factor;

    public NativeCholeskyFactor(int n, double[] symmetric, double shift)
    {
        Order = n;
        _factor = new NativeBuffer<double>((long)n * n);
        fixed (double* source = symmetric)
        {
            Buffer.MemoryCopy(source, _factor.Pointer, 8L * n * n, 8L * n * n);
        }

        for (long i = 0; i < n; i++)
        {
            _factor.Pointer[i * n + i] += shift;
        }

        // A symmetric row-major array is the same matrix column-major; LAPACK factors its lower triangle.
        byte uplo = (byte)'L';
        int order = n, lda = Math.Max(1, n), info = 0;
        NativeBlas.dpotrf_(&uplo, &order, _factor.Pointer, &lda, &info);
        if (info != 0)
        {
            _factor.Dispose();
            throw new InvalidOperationException($"LAPACK dpotrf failed with info = {info}: the matrix is not positive definite");
        }
    }

    public int Order { get; }

    public long Bytes => 8L * Order * Order;

    public double SolveRows(int rows, double[] right)
    {
        // Row-major rows×n is column-major n×rows: each column is one right-hand side.
        byte uplo = (byte)'L';
        int order = Order, nrhs = rows, lda = Math.Max(1, Order), ldb = Math.Max(1, Order), info = 0;
        fixed (double* pb = right)
        {
            NativeBlas.dpotrs_(&uplo, &order, &nrhs, _factor.Pointer, &lda, pb, &ldb, &info);
        }

        if (info != 0)
        {
            throw new InvalidOperationException($"LAPACK dpotrs failed with info = {info}");
        }

        return 2.0 * rows * Order * (double)Order;
    }

    public void Dispose() => _factor.Dispose();
}
