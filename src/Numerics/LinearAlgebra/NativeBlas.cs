using System.Runtime.InteropServices;

namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>
/// P/Invoke surface of Debian's OpenBLAS (<c>libopenblas.so.0</c>, package <c>libopenblas0-pthread</c>): CBLAS
/// <c>cblas_dgemm</c>/<c>cblas_dgemv</c>/<c>cblas_dsymv</c>/<c>cblas_dsyrk</c>/<c>cblas_dtrsm</c>/<c>cblas_dtrsv</c> and the Fortran LAPACK symbols
/// <c>dsyevd_</c>, <c>dsyevr_</c>, <c>dpotrf_</c> and <c>dpotri_</c> (that build has no LAPACKE).
/// </summary>
/// <remarks>
/// OpenBLAS' own threading changes results in the last bits with the thread count for some shapes (its edge
/// micro-kernels depend on how a product is split). OpenBLAS is therefore kept on one thread, and
/// <see cref="NativeDenseLinearAlgebra"/> splits large products into pieces whose shapes depend only on the matrix
/// sizes, running up to <see cref="KernelParallelism.MaxThreads"/> pieces at once: the thread count changes speed, never bits.
/// </remarks>
public static unsafe partial class NativeBlas
{
    internal const string Library = "libopenblas.so.0";

    internal const int RowMajor = 101;
    internal const int ColumnMajor = 102;
    internal const int NoTrans = 111;
    internal const int Trans = 112;
    internal const int Lower = 122;
    internal const int Right = 142;
    internal const int NonUnit = 131;

    private static readonly Lazy<bool> Loaded = new(Probe);

    /// <summary>True when the native library loads and exports the symbols used here.</summary>
    public static bool IsAvailable => Loaded.Value;

    /// <summary>The kernel family OpenBLAS is pinned to when the environment names none.</summary>
    public const string PinnedCoreType = "Haswell";

    private static bool Probe()
    {
        // OpenBLAS reads the variable once, when it loads; the C environment is what it reads, not .NET's copy.
        if (OperatingSystem.IsLinux() && System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported)
        {
            setenv("OPENBLAS_CORETYPE", PinnedCoreType, overwrite: 0);
        }

        if (!NativeLibrary.TryLoad(Library, typeof(NativeBlas).Assembly, null, out var handle))
        {
            return false;
        }

        var complete = NativeLibrary.TryGetExport(handle, "cblas_dgemm", out _)
            && NativeLibrary.TryGetExport(handle, "cblas_dgemv", out _)
            && NativeLibrary.TryGetExport(handle, "cblas_dsyrk", out _)
            && NativeLibrary.TryGetExport(handle, "cblas_dsymv", out _)
            && NativeLibrary.TryGetExport(handle, "cblas_dtrsm", out _)
            && NativeLibrary.TryGetExport(handle, "cblas_dtrsv", out _)
            && NativeLibrary.TryGetExport(handle, "dsyevd_", out _)
            && NativeLibrary.TryGetExport(handle, "dsyevr_", out _)
            && NativeLibrary.TryGetExport(handle, "dpotrf_", out _)
            && NativeLibrary.TryGetExport(handle, "dpotri_", out _)
            && NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out _);
        if (complete)
        {
            openblas_set_num_threads(1);
        }

        return complete;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);

    [LibraryImport(Library)]
    internal static partial void cblas_dgemm(int order, int transA, int transB, int m, int n, int k,
        double alpha, double* a, int lda, double* b, int ldb, double beta, double* c, int ldc);

    [LibraryImport(Library)]
    internal static partial void cblas_dgemv(int order, int trans, int m, int n,
        double alpha, double* a, int lda, double* x, int incX, double beta, double* y, int incY);

    [LibraryImport(Library)]
    internal static partial void cblas_dsymv(int order, int uplo, int n,
        double alpha, double* a, int lda, double* x, int incX, double beta, double* y, int incY);

    [LibraryImport(Library)]
    internal static partial void cblas_dsyrk(int order, int uplo, int trans, int n, int k,
        double alpha, double* a, int lda, double beta, double* c, int ldc);

    [LibraryImport(Library)]
    internal static partial void cblas_dtrsm(int order, int side, int uplo, int transA, int diag, int m, int n,
        double alpha, double* a, int lda, double* b, int ldb);

    [LibraryImport(Library)]
    internal static partial void cblas_dtrsv(int order, int uplo, int transA, int diag, int n,
        double* a, int lda, double* x, int incX);

    [LibraryImport(Library)]
    internal static partial void dsyevd_(byte* jobz, byte* uplo, int* n, double* a, int* lda, double* w,
        double* work, int* lwork, int* iwork, int* liwork, int* info);

    [LibraryImport(Library)]
    internal static partial void dsyevr_(byte* jobz, byte* range, byte* uplo, int* n, double* a, int* lda,
        double* vl, double* vu, int* il, int* iu, double* abstol, int* m, double* w, double* z, int* ldz,
        int* isuppz, double* work, int* lwork, int* iwork, int* liwork, int* info);

    [LibraryImport(Library)]
    internal static partial void dpotrf_(byte* uplo, int* n, double* a, int* lda, int* info);

    [LibraryImport(Library)]
    internal static partial void dpotri_(byte* uplo, int* n, double* a, int* lda, int* info);

    [LibraryImport(Library)]
    private static partial void openblas_set_num_threads(int threads);
}
