using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Numerics.RandomFeatures.Optimizers;
using Orchestrator.Numerics.RandomFeatures.Problems;
using Orchestrator.Numerics.RandomFeatures.Training;
using Orchestrator.Numerics.Training;
using Xunit;

namespace Orchestrator.Numerics.Tests.RandomFeatures;

[Collection(KernelParallelismCollection.Name)]
public sealed class DeterminismTests
{
    public static TheoryData<string, string> Cells()
    {
        var data = new TheoryData<string, string>();
        foreach (var optimizer in OptimizerRegistry.Names)
        {
            foreach (var regime in new[] { "population", "finite:40", "online:16" })
            {
                data.Add(optimizer, regime);
            }
        }

        return data;
    }

    private static RandomFeaturesRun Run(string optimizer, string regime)
    {
        var parts = regime.Split(':');
        var data = parts[0] switch
        {
            "finite" => new DataRegime(DataRegimeKind.Finite, int.Parse(parts[1])),
            "online" => new DataRegime(DataRegimeKind.Online, int.Parse(parts[1])),
            _ => DataRegime.Population,
        };
        return new RandomFeaturesRun
        {
            LatentDim = 300, Spectrum = 1.1, Size = 56, Outputs = 2, Seed = 4, Steps = 30, Optimizer = optimizer,
            LearningRate = OptimizerRegistry.SupportsAutoLearningRate(optimizer) ? null : 0.01, Data = data,
        };
    }

    private static void AssertIdentical(RunResult expected, RunResult actual)
    {
        Assert.Equal(expected.FinalLoss, actual.FinalLoss);
        Assert.Equal(expected.Curve, actual.Curve);
        Assert.Equal(expected.Diverged, actual.Diverged);
        Assert.Equal(expected.LearningRate, actual.LearningRate);
        Assert.Equal(expected.FloatingPointOperations, actual.FloatingPointOperations);
        Assert.Equal(expected.PeakBytes, actual.PeakBytes);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void RepeatedRunsAreBitIdenticalWithAndWithoutACache(string optimizer, string regime)
    {
        var run = Run(optimizer, regime);
        var first = TestKernel.Run(run);
        AssertIdentical(first, TestKernel.Run(run));

        var cache = new ProblemCache(4);
        // Warm the cache (and the problem's eigendecomposition) through another optimizer first.
        TestKernel.Run(run with { Optimizer = "natural-gradient", LearningRate = null }, cache);
        AssertIdentical(first, TestKernel.Run(run, cache));
        Assert.Equal(1, cache.Misses);
    }

    [Theory]
    [InlineData("gd", "population")]
    [InlineData("adam", "finite:40")]
    [InlineData("matrix-sign", "online:16")]
    [InlineData("natural-gradient", "population")]
    public void ResultsDoNotDependOnTheKernelThreadBound(string optimizer, string regime)
    {
        var run = Run(optimizer, regime) with { Size = 200, LatentDim = 700 };
        var before = KernelParallelism.MaxThreads;
        try
        {
            KernelParallelism.MaxThreads = 1;
            var one = TestKernel.Run(run);
            KernelParallelism.MaxThreads = 2;
            AssertIdentical(one, TestKernel.Run(run));
        }
        finally
        {
            KernelParallelism.MaxThreads = before;
        }
    }

    [Theory]
    [InlineData("gd")]
    [InlineData("natural-gradient")]
    public void StandardBasisCellsAreBitIdenticalPerThreadCountAndAgreeAcrossThreadCounts(string optimizer)
    {
        // N = 2048: large enough that every product over H is split into pieces that run in parallel when allowed.
        var run = Run(optimizer, "population") with { Size = 2048, LatentDim = 2048, Outputs = 1, Steps = 12 };
        Assert.False(TrainingBasis.UsesEigenbasis(run, OptimizerRegistry.Resolve(optimizer)));
        var before = KernelParallelism.MaxThreads;
        var results = new Dictionary<int, RunResult>();
        try
        {
            foreach (var threads in new[] { 1, 2 })
            {
                KernelParallelism.MaxThreads = threads;
                var cache = new ProblemCache(1);
                results[threads] = TestKernel.Run(run, cache);
                AssertIdentical(results[threads], TestKernel.Run(run, cache));
            }
        }
        finally
        {
            KernelParallelism.MaxThreads = before;
        }

        var (one, two) = (results[1], results[2]);
        Assert.Equal(one.Curve.Count, two.Curve.Count);
        for (var i = 0; i < one.Curve.Count; i++)
        {
            Assert.True(Math.Abs(one.Curve[i].Loss - two.Curve[i].Loss) <= 1e-10 * one.Curve[i].Loss,
                $"step {one.Curve[i].Step}: 1 thread {one.Curve[i].Loss:R}, 2 threads {two.Curve[i].Loss:R}");
        }
    }

    [Theory]
    [InlineData("population")]
    [InlineData("finite:900")]
    [InlineData("online:700")]
    public void BuiltProblemsAndMinibatchesDoNotDependOnTheKernelThreadBound(string regime)
    {
        // Large enough for every builder and sampler loop to split across threads when allowed.
        var key = ProblemKey.Of(Run("gd", regime) with { Size = 600, LatentDim = 700 });
        var before = KernelParallelism.MaxThreads;
        try
        {
            KernelParallelism.MaxThreads = 1;
            var one = ProblemBuilder.Build(key, DenseLinearAlgebra.Default, TestContext.Current.CancellationToken);
            var oneLatent = Latent(one);
            foreach (var bound in new[] { 2, 4 })
            {
                KernelParallelism.MaxThreads = bound;
                var other = ProblemBuilder.Build(key, DenseLinearAlgebra.Default, TestContext.Current.CancellationToken);
                Assert.Equal(one.Population.Hessian, other.Population.Hessian);
                Assert.Equal(one.Population.Cross, other.Population.Cross);
                Assert.Equal(one.Population.Constant, other.Population.Constant);
                Assert.Equal(one.Training.Hessian, other.Training.Hessian);
                Assert.Equal(one.Training.Cross, other.Training.Cross);
                Assert.Equal(one.Training.Constant, other.Training.Constant);
                Assert.Equal(one.Online?.ScaledFeatures, other.Online?.ScaledFeatures);
                Assert.Equal(oneLatent, Latent(other));
            }
        }
        finally
        {
            KernelParallelism.MaxThreads = before;
        }

        static double[]? Latent(RandomFeaturesProblem problem)
        {
            if (problem.Online is not { } sampler)
            {
                return null;
            }

            var latent = new double[sampler.BatchSize * sampler.LatentDim];
            sampler.DrawLatent(3, latent);
            return latent;
        }
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void NativeAndManagedLinearAlgebraAgreeTo1e12(string optimizer, string regime)
    {
        var run = Run(optimizer, regime);
        var native = TestKernel.Run(run, DenseLinearAlgebra.Default);
        var managed = TestKernel.Run(run, ManagedDenseLinearAlgebra.Instance);
        Assert.Equal(native.Curve.Count, managed.Curve.Count);
        for (var i = 0; i < native.Curve.Count; i++)
        {
            var want = managed.Curve[i].Loss;
            Assert.True(Math.Abs(native.Curve[i].Loss - want) <= 1e-12 * want,
                $"step {native.Curve[i].Step}: native {native.Curve[i].Loss:R}, managed {want:R}");
        }

        Assert.Equal(managed.FloatingPointOperations, native.FloatingPointOperations);
    }

    [Fact]
    public void ConcurrentRunsSharingACacheMatchSequentialRuns()
    {
        var runs = OptimizerRegistry.Names
            .SelectMany(name => new[] { 1, 2 }.Select(seed => Run(name, "population") with { Seed = seed }))
            .ToArray();
        var sequential = runs.Select(run => TestKernel.Run(run)).ToArray();
        var cache = new ProblemCache(8);
        var parallel = new RunResult[runs.Length];
        Parallel.For(0, runs.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = TestKernel.Run(runs[i], cache));
        for (var i = 0; i < runs.Length; i++)
        {
            AssertIdentical(sequential[i], parallel[i]);
        }

        Assert.Equal(2, cache.Misses);
    }
}
