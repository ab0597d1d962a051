using System.Runtime.InteropServices;

namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>
/// P/Invoke surface of Debian's OpenBLAS (<c>libopenblas.so.0</c>, package <c>libopenblas0-pthread</c>): CBLAS
/// <c>cblas_dgemm</c>/<c>cblas_dsyrk</c> and the Fortran LAPACK symbol <c>dsyevd_</c> (that build has no LAPACKE).
/// </summary>
public static unsafe partial class NativeBlas
{
    internal const string Library = "libopenblas.so.0";

    internal const int RowMajor = 101;
    internal const int NoTrans = 111;
    internal const int Trans = 112;
    internal const int Lower = 122;

    private static readonly Lazy<bool> Loaded = new(Probe);

    /// <summary>True when the native library loads and exports the symbols used here.</summary>
    public static bool IsAvailable => Loaded.Value;

    /// <summary>Serialises changes of the global thread count (the eigensolver pins it to 1 while it runs).</summary>
    internal static readonly Lock ThreadCountGate = new();

    /// <summary>
    /// Sets OpenBLAS' process-wide thread count (a silo running several kernels at once should use few). Results do
    /// not depend on it: gemm and syrk partition work without changing any summation order, and the eigensolver
    /// always runs on one thread (tested). No effect when the native library is absent.
    /// </summary>
    public static void SetThreadCount(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        lock (ThreadCountGate)
        {
            SetThreadCountUnlocked(threads);
        }
    }

    internal static void SetThreadCountUnlocked(int threads)
    {
        if (IsAvailable)
        {
            openblas_set_num_threads(threads);
        }
    }

    /// <summary>OpenBLAS' current thread count, or 0 when the native library is absent.</summary>
    public static int GetThreadCount() => IsAvailable ? openblas_get_num_threads() : 0;

    private static bool Probe()
    {
        if (!NativeLibrary.TryLoad(Library, typeof(NativeBlas).Assembly, null, out var handle))
        {
            return false;
        }

        return NativeLibrary.TryGetExport(handle, "cblas_dgemm", out _)
            && NativeLibrary.TryGetExport(handle, "cblas_dsyrk", out _)
            && NativeLibrary.TryGetExport(handle, "cblas_dgemv", out _)
            && NativeLibrary.TryGetExport(handle, "dsyevd_", out _)
            && NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out _);
    }

    [LibraryImport(Library)]
    internal static partial void cblas_dgemm(int order, int transA, int transB, int m, int n, int k,
        double alpha, double* a, int lda, double* b, int ldb, double beta, double* c, int ldc);

    [LibraryImport(Library)]
    internal static partial void cblas_dgemv(int order, int trans, int m, int n,
        double alpha, double* a, int lda, double* x, int incX, double beta, double* y, int incY);

    [LibraryImport(Library)]
    internal static partial void cblas_dsyrk(int order, int uplo, int trans, int n, int k,
        double alpha, double* a, int lda, double beta, double* c, int ldc);

    [LibraryImport(Library)]
    internal static partial void dsyevd_(byte* jobz, byte* uplo, int* n, double* a, int* lda, double* w,
        double* work, int* lwork, int* iwork, int* liwork, int* info);

    [LibraryImport(Library)]
    private static partial void openblas_set_num_threads(int threads);

    [LibraryImport(Library)]
    private static partial int openblas_get_num_threads();
}
