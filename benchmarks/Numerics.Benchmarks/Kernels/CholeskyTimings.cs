using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Numerics.RandomFeatures.Problems;

namespace Orchestrator.Numerics.Benchmarks.Kernels;

/// <summary>
/// The natural gradient's preconditioner S = H + δI in the standard basis, part by part: LAPACK's one-thread
/// <c>dpotrf</c> and <c>dpotri</c> (S⁻¹), the blocked factor on 1 and on all threads (bits compared), and one solve
/// by <c>dsymv</c> on S⁻¹ against two triangular solves with L, beside a <c>dsymv</c> on H.
/// </summary>
internal static unsafe class CholeskyTimings
{
    public static void Run(HarnessOptions options)
    {
        int n = options.Int("size", 4096), m = options.Int("latent", 2 * options.Int("size", 4096)), solves = options.Int("solves", 100);
        Console.WriteLine($"cholesky: N={n} (H built with M={m}, s=1), δ = 1e-8·κ_max, {solves} solves timed");
        var key = new ProblemKey(m, 1.0, 0.0, 1, n, 0, DataRegime.Population);
        var h = ProblemBuilder.Build(key, DenseLinearAlgebra.Default).Population.Hessian;
        var shift = 1e-8 * LanczosLargestEigenvalue.Compute(n, h, DenseLinearAlgebra.Default).Value;
        long length = (long)n * n;
        using var lapack = new NativeBuffer<double>(length);
        using var blocked = new NativeBuffer<double>(length);
        using var blockedOne = new NativeBuffer<double>(length);

        Time("dpotrf (LAPACK, 1 thread)", () =>
        {
            Load(n, h, shift, lapack.Pointer);
            byte uplo = (byte)'L';
            int order = n, lda = n, info = 0;
            NativeBlas.dpotrf_(&uplo, &order, lapack.Pointer, &lda, &info);
        });
        Time("dpotri (S⁻¹ from the factor, 1 thread)", () =>
        {
            byte uplo = (byte)'L';
            int order = n, lda = n, info = 0;
            NativeBlas.dpotri_(&uplo, &order, lapack.Pointer, &lda, &info);
        });
        var threads = KernelParallelism.MaxThreads;
        KernelParallelism.MaxThreads = 1;
        Time("blocked factor, 1 thread", () =>
        {
            Load(n, h, shift, blockedOne.Pointer);
            BlockedCholesky.FactorLower(n, blockedOne.Pointer);
        });
        KernelParallelism.MaxThreads = threads;
        Time($"blocked factor, {threads} threads", () =>
        {
            Load(n, h, shift, blocked.Pointer);
            BlockedCholesky.FactorLower(n, blocked.Pointer);
        });
        var identical = new ReadOnlySpan<double>(blocked.Pointer, (int)Math.Min(length, int.MaxValue))
            .SequenceEqual(new ReadOnlySpan<double>(blockedOne.Pointer, (int)Math.Min(length, int.MaxValue)));
        Console.WriteLine($"  blocked factor bit-identical on 1 and {threads} threads: {identical}");

        var right = new double[n];
        for (var i = 0; i < n; i++)
        {
            right[i] = Math.Sin(i + 1.0);
        }

        var x = new double[n];
        var y = new double[n];
        fixed (double* pr = right, px = x, py = y, ph = h)
        {
            double* rp = pr, xp = px, yp = py, hp = ph;
            Time($"{solves} × dsymv on H", () =>
            {
                for (var s = 0; s < solves; s++)
                {
                    NativeBlas.cblas_dsymv(NativeBlas.RowMajor, NativeBlas.Lower, n, 1.0, hp, n, rp, 1, 0.0, yp, 1);
                }
            });
            Time($"{solves} × dsymv on S⁻¹", () =>
            {
                for (var s = 0; s < solves; s++)
                {
                    NativeBlas.cblas_dsymv(NativeBlas.ColumnMajor, NativeBlas.Lower, n, 1.0, lapack.Pointer, n, rp, 1, 0.0, yp, 1);
                }
            });
            Time($"{solves} × two dtrsv on L", () =>
            {
                for (var s = 0; s < solves; s++)
                {
                    Buffer.MemoryCopy(rp, xp, 8L * n, 8L * n);
                    NativeBlas.cblas_dtrsv(NativeBlas.RowMajor, NativeBlas.Lower, NativeBlas.NoTrans, NativeBlas.NonUnit, n, blocked.Pointer, n, xp, 1);
                    NativeBlas.cblas_dtrsv(NativeBlas.RowMajor, NativeBlas.Lower, NativeBlas.Trans, NativeBlas.NonUnit, n, blocked.Pointer, n, xp, 1);
                }
            });
        }

        var largest = 0.0;
        var difference = 0.0;
        for (var i = 0; i < n; i++)
        {
            largest = Math.Max(largest, Math.Abs(y[i]));
            difference = Math.Max(difference, Math.Abs(x[i] - y[i]));
        }

        Console.WriteLine($"  solutions S⁻¹r by the two ways: largest difference {difference / largest:E2} of the largest entry");
    }

    private static void Load(int n, double[] h, double shift, double* target)
    {
        fixed (double* source = h)
        {
            Buffer.MemoryCopy(source, target, 8L * n * n, 8L * n * n);
        }

        for (long i = 0; i < n; i++)
        {
            target[i * n + i] += shift;
        }
    }

    private static void Time(string label, Action action)
    {
        var clock = new PhaseClock();
        action();
        Console.WriteLine($"{label}\t{clock.Lap()}");
    }
}
