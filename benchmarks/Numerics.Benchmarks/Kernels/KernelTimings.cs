using System.Diagnostics;
using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Numerics.RandomFeatures.Optimizers;
using Orchestrator.Numerics.RandomFeatures.Problems;
using Orchestrator.Numerics.RandomFeatures.Training;
using Orchestrator.Numerics.Random;

namespace Orchestrator.Numerics.Benchmarks.Kernels;

/// <summary>
/// Timing harness of the random-features kernel. Parts: <c>build</c> (GFLOP/s of building H beside the dgemm peak),
/// <c>cells</c> (whole-cell wall time per optimizer), <c>phases</c> (one problem: build, κ_max, each optimizer), <c>memory</c> (peak memory of one cell vs the bytes it needs;
/// run it in a fresh process), <c>quickstart</c> (20 small cells through a shared cache).
/// </summary>
internal static class KernelTimings
{
    public static int Run(string[] args)
    {
        var options = new HarnessOptions(args[1..]);
        if (options.Flag("managed"))
        {
            Console.WriteLine("linear algebra: managed (forced)");
        }

        IDenseLinearAlgebra algebra = options.Flag("managed") ? ManagedDenseLinearAlgebra.Instance
            : options.Flag("dsyevd") && NativeBlas.IsAvailable ? NativeDenseLinearAlgebra.WithDivideAndConquer
            : DenseLinearAlgebra.Default;
        KernelParallelism.MaxThreads = options.Int("threads", Environment.ProcessorCount);
        Console.WriteLine($"linear algebra: {algebra.Name}, kernel threads {KernelParallelism.MaxThreads}, cores {Environment.ProcessorCount}");
        switch (args.Length > 0 ? args[0] : "")
        {
            case "build":
                Build(algebra, options);
                return 0;
            case "cells":
                Cells(algebra, options);
                return 0;
            case "memory":
                Memory(algebra, options);
                return 0;
            case "bases":
                Bases(algebra, options);
                return 0;
            case "readout-product":
                ReadoutProduct(algebra, options);
                return 0;
            case "phases":
                Phases(algebra, options);
                return 0;
            case "quickstart":
                Quickstart(options);
                return 0;
            case "cholesky":
                CholeskyTimings.Run(options);
                return 0;
            default:
                Console.Error.WriteLine("usage: kernels build|cells|phases|bases|memory|quickstart|cholesky [--size N] [--latent M] [--steps T] [--threads n] [--managed]");
                return 2;
        }
    }

    private static double[] Normals(long length, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var a = new double[length];
        for (long i = 0; i < length; i++)
        {
            a[i] = rng.NextStandardNormal();
        }

        return a;
    }

    private static double Best(int repeats, Action action)
    {
        var best = double.MaxValue;
        for (var r = 0; r < repeats; r++)
        {
            var stopwatch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, stopwatch.Elapsed.TotalSeconds);
        }

        return best;
    }

    /// <summary>(a) H = F Λ Fᵀ at N = 2048, M = 8192: syrk alone, the whole build, and dgemm 2048³ as the peak.</summary>
    private static void Build(IDenseLinearAlgebra algebra, HarnessOptions options)
    {
        int n = options.Int("size", 2048), m = options.Int("latent", 8192), repeats = options.Int("repeats", 3);
        const int d = 2048;
        var a = Normals((long)d * d, 1);
        var b = Normals((long)d * d, 2);
        var c = new double[(long)d * d];
        algebra.Multiply(false, false, d, d, d, 1.0, a, b, 0.0, c); // warm-up
        var gemmSeconds = Best(repeats, () => algebra.Multiply(false, false, d, d, d, 1.0, a, b, 0.0, c));
        Console.WriteLine($"dgemm {d}³: {gemmSeconds:F3} s, {DenseMatrix.MultiplyFlops(d, d, d) / gemmSeconds / 1e9:F1} GFLOP/s (peak reference)");

        var block = Normals((long)n * ProblemBuilder.BlockWidth, 3);
        var h = new double[(long)n * n];
        var syrkSeconds = Best(repeats, () =>
        {
            for (var start = 0; start < m; start += ProblemBuilder.BlockWidth)
            {
                algebra.SymmetricRankUpdate(n, ProblemBuilder.BlockWidth, 1.0, block, start == 0 ? 0.0 : 1.0, h);
            }
        });
        var syrkFlops = DenseMatrix.SymmetricRankUpdateFlops(n, m);
        Console.WriteLine($"H by blocked syrk N={n} M={m}: {syrkSeconds:F3} s, {syrkFlops / syrkSeconds / 1e9:F1} GFLOP/s");

        var key = new ProblemKey(m, 1.0, 0.0, 1, n, 1, DataRegime.Population);
        ProblemBuilder.Build(key, algebra);
        var buildSeconds = Best(repeats, () => ProblemBuilder.Build(key, algebra));
        Console.WriteLine($"whole problem build (normals + syrk + B) N={n} M={m}: {buildSeconds:F3} s, {syrkFlops / buildSeconds / 1e9:F1} GFLOP/s on H's flops");

        var problem = ProblemBuilder.Build(key, algebra);
        var eigenSeconds = Best(options.Int("eigen-repeats", 1), () => algebra.Eigendecompose(n, problem.Population.Hessian));
        Console.WriteLine($"eigendecomposition N={n}: {eigenSeconds:F3} s ({algebra.Name})");
        if (algebra is NativeDenseLinearAlgebra)
        {
            var dcSeconds = Best(options.Int("eigen-repeats", 1), () => NativeDenseLinearAlgebra.EigendecomposeDivideAndConquer(n, problem.Population.Hessian));
            Console.WriteLine($"eigendecomposition N={n} by dsyevd: {dcSeconds:F3} s");
        }
    }

    /// <summary>(b) Whole-cell wall time per optimizer, each cell cold (no cache), plus a warm pass through a cache.</summary>
    private static void Cells(IDenseLinearAlgebra algebra, HarnessOptions options)
    {
        var sizes = options.Ints("sizes", [256, 1024, 4096]);
        int m = options.Int("latent", 16384), steps = options.Int("steps", 1000);
        var optimizers = options.Strings("optimizers", OptimizerRegistry.Names.ToArray());
        Console.WriteLine($"cells: M={m}, T={steps}, population, K=1, s=1, seed 1");
        Console.WriteLine("size\toptimizer\tcold_s\twarm_s\tGFLOP\tfinal_loss");
        foreach (var n in sizes)
        {
            var cache = new ProblemCache(1);
            foreach (var optimizer in optimizers)
            {
                var run = new RandomFeaturesRun
                {
                    LatentDim = m, Spectrum = 1.0, Size = n, Seed = 1, Steps = steps, Optimizer = optimizer,
                    LearningRate = OptimizerRegistry.SupportsAutoLearningRate(optimizer) ? null : 1e-3,
                };
                var cold = RandomFeaturesKernel.Run(run, algebra);
                var warmStopwatch = Stopwatch.StartNew();
                RandomFeaturesKernel.Run(run, algebra, cache); // fills the cache (first optimizer) or hits it
                var warm = RandomFeaturesKernel.Run(run, algebra, cache);
                warmStopwatch.Stop();
                Console.WriteLine($"{n}\t{optimizer}\t{cold.Seconds:F3}\t{warm.Seconds:F3}\t{cold.FloatingPointOperations / 1e9:F1}\t{cold.FinalLoss:G6}");
            }
        }
    }

    /// <summary>
    /// (d) Both training bases on the same problem: the eigenbasis (eigendecomposition + O(KN) steps) and the
    /// standard basis (Lanczos κ_max, Cholesky for the natural gradient, one pass over H per step), each from a fresh
    /// problem so that the shared eigendecomposition or κ_max is paid once per basis; and the basis the cost model
    /// picks. Prints the seconds and the relative difference of the final losses.
    /// </summary>
    private static void Bases(IDenseLinearAlgebra algebra, HarnessOptions options)
    {
        var sizes = options.Ints("sizes", [256, 1024, 2048]);
        int m = options.Int("latent", 16384), steps = options.Int("steps", 100);
        var spectrum = options.Double("spectrum", 1.0);
        var optimizers = options.Strings("optimizers", ["gd", "momentum", "matrix-sign", "natural-gradient"]);
        Console.WriteLine($"bases: M={m}, T={steps}, population, K=1, s={spectrum}, seed 0 (seconds exclude the build)");
        Console.WriteLine("size\toptimizer\teigen_s\tstandard_s\tchosen\teigen_loss\trel_diff\tlanczos_iterations");
        foreach (var n in sizes)
        {
            var runs = optimizers.Select(optimizer => new RandomFeaturesRun
            {
                LatentDim = m, Spectrum = spectrum, Size = n, Seed = 0, Steps = steps, Optimizer = optimizer,
                LearningRate = OptimizerRegistry.SupportsAutoLearningRate(optimizer) ? null : 0.05,
            }).ToArray();
            var key = ProblemKey.Of(runs[0]);
            var results = new Dictionary<bool, (double Seconds, double Loss)[]>();
            var iterations = 0;
            foreach (var eigenbasis in new[] { true, false })
            {
                var problem = ProblemBuilder.Build(key, algebra);
                iterations = problem.Population.GetLargestEigenvalue(algebra, CancellationToken.None).Iterations;
                problem = ProblemBuilder.Build(key, algebra); // κ_max is paid inside the timed runs
                results[eigenbasis] = runs.Select(run =>
                {
                    var stopwatch = Stopwatch.StartNew();
                    var outcome = ReadoutTrainer.Train(run, problem, OptimizerRegistry.Resolve(run.Optimizer), algebra,
                        CancellationToken.None, eigenbasis);
                    return (stopwatch.Elapsed.TotalSeconds, outcome.FinalLoss);
                }).ToArray();
            }

            for (var i = 0; i < runs.Length; i++)
            {
                var (eigenSeconds, eigenLoss) = results[true][i];
                var (standardSeconds, standardLoss) = results[false][i];
                var chosen = TrainingBasis.UsesEigenbasis(runs[i], OptimizerRegistry.Resolve(runs[i].Optimizer)) ? "eigen" : "standard";
                Console.WriteLine($"{n}\t{runs[i].Optimizer}\t{eigenSeconds:F3}\t{standardSeconds:F3}\t{chosen}\t{eigenLoss:R}\t{Math.Abs(standardLoss - eigenLoss) / eigenLoss:E2}\t{iterations}");
            }
        }
    }

    /// <summary>
    /// Where one problem's time goes, with the preset's optimizer settings (adam lr 0.01, matrix-sign lr 0.05, the
    /// others <c>auto</c>): the build, κ_max by Lanczos, then each optimizer's training in the basis the cost model picks.
    /// </summary>
    private static void Phases(IDenseLinearAlgebra algebra, HarnessOptions options)
    {
        int n = options.Int("size", 4096), m = options.Int("latent", 16384), steps = options.Int("steps", 100);
        var spectrum = options.Double("spectrum", 1.0);
        Console.WriteLine($"phases: N={n}, M={m}, T={steps}, population, K=1, s={spectrum}, seed 0 (wall and CPU seconds)");
        var clock = new PhaseClock();
        var key = new ProblemKey(m, spectrum, 0.0, 1, n, 0, DataRegime.Population);
        var problem = ProblemBuilder.Build(key, algebra);
        Console.WriteLine($"build\t{clock.Lap()}");
        var lanczos = problem.Population.GetLargestEigenvalue(algebra, CancellationToken.None);
        Console.WriteLine($"lanczos\t{clock.Lap()}\t{lanczos.Iterations} iterations");
        foreach (var (optimizer, rate) in new (string, double?)[] { ("gd", null), ("momentum", null), ("adam", 0.01), ("matrix-sign", 0.05), ("natural-gradient", null) })
        {
            var run = new RandomFeaturesRun
            {
                LatentDim = m, Spectrum = spectrum, Size = n, Seed = 0, Steps = steps, Optimizer = optimizer, LearningRate = rate,
            };
            var resolved = OptimizerRegistry.Resolve(optimizer);
            clock.Lap();
            var outcome = ReadoutTrainer.Train(run, problem, resolved, algebra, CancellationToken.None);
            var basis = !resolved.IsRotationEquivariant || !TrainingBasis.UsesEigenbasis(run, resolved) ? "standard" : "eigen";
            Console.WriteLine($"{optimizer}\t{clock.Lap()}\t{basis}\t{outcome.FinalLoss:R}");
        }
    }

    /// <summary>(c) One cold cell: peak resident memory growth and the kernel's tracked peak vs the arrays needed.</summary>
    private static void Memory(IDenseLinearAlgebra algebra, HarnessOptions options)
    {
        int n = options.Int("size", 4096), m = options.Int("latent", 16384), steps = options.Int("steps", 1000);
        var optimizer = options.String("optimizer", "gd");
        var run = new RandomFeaturesRun
        {
            LatentDim = m, Spectrum = 1.0, Size = n, Seed = 1, Steps = steps, Optimizer = optimizer,
            LearningRate = OptimizerRegistry.SupportsAutoLearningRate(optimizer) ? null : 1e-3,
        };
        GC.Collect();
        var baseline = ProcessMemory.ResidentBytes;
        var baselinePeak = ProcessMemory.PeakResidentBytes;
        var result = RandomFeaturesKernel.Run(run, algebra);
        var peak = ProcessMemory.PeakResidentBytes;
        // The arrays a cell cannot do without: H, and for the eigenbasis optimizers its N×N eigenvectors
        // (Adam: H only); B, the readout and the gradient are O(KN).
        var needsEigenvectors = OptimizerRegistry.Resolve(optimizer).IsRotationEquivariant;
        var needed = 8L * n * n * (needsEigenvectors ? 2 : 1) + 8L * 4 * n;
        var growth = peak - Math.Max(baseline, 0);
        Console.WriteLine($"memory: N={n} M={m} T={steps} {optimizer}: wall {result.Seconds:F2} s");
        Console.WriteLine($"  baseline RSS {baseline / 1e6:F0} MB (peak before {baselinePeak / 1e6:F0} MB), peak RSS {peak / 1e6:F0} MB, growth {growth / 1e6:F0} MB");
        Console.WriteLine($"  tracked peak {result.PeakBytes / 1e6:F0} MB, needed arrays {needed / 1e6:F0} MB");
        Console.WriteLine($"  ratios: measured growth / needed = {(double)growth / needed:F2}, tracked / needed = {(double)result.PeakBytes / needed:F2}");
    }

    /// <summary>The dense step of Adam: a K×N readout times the N×N Hessian.</summary>
    private static void ReadoutProduct(IDenseLinearAlgebra algebra, HarnessOptions options)
    {
        int n = options.Int("size", 1024), k = options.Int("outputs", 1), repeats = options.Int("repeats", 200);
        var h = Normals((long)n * n, 1);
        var a = Normals((long)k * n, 2);
        var c = new double[k * n];
        var seconds = Best(3, () =>
        {
            for (var r = 0; r < repeats; r++)
            {
                algebra.Multiply(false, false, k, n, n, 1.0, a, h, 0.0, c);
            }
        }) / repeats;
        Console.WriteLine($"A·H K={k} N={n}: {seconds * 1e3:F3} ms, {DenseMatrix.MultiplyFlops(k, n, n) / seconds / 1e9:F1} GFLOP/s");
        var transposedSeconds = Best(3, () =>
        {
            for (var r = 0; r < repeats; r++)
            {
                algebra.Multiply(false, true, k, n, n, 1.0, a, h, 0.0, c);
            }
        }) / repeats;
        Console.WriteLine($"A·Hᵀ K={k} N={n}: {transposedSeconds * 1e3:F3} ms, {DenseMatrix.MultiplyFlops(k, n, n) / transposedSeconds / 1e9:F1} GFLOP/s");
    }

    /// <summary>The quickstart grid: M = 2048, N ∈ {64, 128, 256, 512}, T = 200, the default five optimizers.</summary>
    private static void Quickstart(HarnessOptions options)
    {
        var cache = new ProblemCache(8);
        var stopwatch = Stopwatch.StartNew();
        var cells = 0;
        foreach (var n in new[] { 64, 128, 256, 512 })
        {
            foreach (var optimizer in OptimizerRegistry.Names.Take(5))
            {
                RandomFeaturesKernel.Run(new RandomFeaturesRun
                {
                    LatentDim = 2048, Spectrum = 1.0, Size = n, Seed = 0, Steps = 200, Optimizer = optimizer,
                    LearningRate = OptimizerRegistry.SupportsAutoLearningRate(optimizer) ? null : 1e-3,
                }, cache);
                cells++;
            }
        }

        Console.WriteLine($"quickstart: {cells} cells in {stopwatch.Elapsed.TotalSeconds:F2} s (cache misses {cache.Misses})");
    }
}
