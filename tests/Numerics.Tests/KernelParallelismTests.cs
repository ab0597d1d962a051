using System.Collections.Concurrent;
using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Numerics.RandomFeatures.Problems;
using Xunit;

namespace Orchestrator.Numerics.Tests;

/// <summary>Tests that change <see cref="KernelParallelism.MaxThreads"/> share this collection, so they never overlap.</summary>
[CollectionDefinition(Name)]
public sealed class KernelParallelismCollection
{
    public const string Name = "KernelParallelism";
}

/// <summary>
/// The kernels' parallel loops run at most <see cref="KernelParallelism.MaxThreads"/> bodies at once. The loops of the
/// work run on a scheduler that gives every task its own thread (up to four at once) and records how many run
/// together: a loop without the bound would fan out to all four, a bounded one stays on one task at a time.
/// </summary>
[Collection(KernelParallelismCollection.Name)]
public sealed class KernelParallelismTests
{
    /// <summary>The most loop tasks seen at once, less the instant a yielding task overlaps its successor.</summary>
    private static int PeakConcurrency(int maxThreads, Action work)
    {
        var before = KernelParallelism.MaxThreads;
        try
        {
            KernelParallelism.MaxThreads = maxThreads;
            var scheduler = new CountingScheduler();
            KernelParallelism.SchedulerForTests.Value = scheduler;
            work();
            Assert.True(scheduler.Executed >= 1, "the loops did not run under the kernel's parallel options");
            // A loop task that yields queues its successor just before it returns, so two may overlap for an instant.
            return scheduler.Peak - 1;
        }
        finally
        {
            KernelParallelism.SchedulerForTests.Value = null;
            KernelParallelism.MaxThreads = before;
        }
    }

    private static RandomFeaturesRun Run(DataRegime data, int size, int latentDim) => new()
    {
        LatentDim = latentDim, Spectrum = 1.1, Size = size, Outputs = 2, Seed = 9, Steps = 1, Optimizer = "gd",
        LearningRate = 0.01, Data = data,
    };

    [Fact]
    public void ProblemBuilderRunsOneLoopBodyAtATimeWhenBoundToOne()
    {
        // Feature rows and finite samples: both of the builder's loops, with long enough bodies to fan out.
        var key = ProblemKey.Of(Run(new DataRegime(DataRegimeKind.Finite, 1500), size: 800, latentDim: 600));
        Assert.InRange(PeakConcurrency(1, () => ProblemBuilder.Build(key, DenseLinearAlgebra.Default, TestContext.Current.CancellationToken)), 0, 1);
    }

    [Fact]
    public void OnlineSamplerRunsOneLoopBodyAtATimeWhenBoundToOne()
    {
        var problem = ProblemBuilder.Build(ProblemKey.Of(Run(new DataRegime(DataRegimeKind.Online, 2048), size: 8, latentDim: 2000)),
            DenseLinearAlgebra.Default, TestContext.Current.CancellationToken);
        var sampler = problem.Online!;
        var latent = new double[sampler.BatchSize * sampler.LatentDim];
        Assert.InRange(PeakConcurrency(1, () =>
        {
            for (var step = 0; step < 4; step++)
            {
                sampler.DrawLatent(step, latent);
            }
        }), 0, 1);
    }

    [Fact]
    public void LoopsUseUpToTheBound()
    {
        var problem = ProblemBuilder.Build(ProblemKey.Of(Run(new DataRegime(DataRegimeKind.Online, 2048), size: 8, latentDim: 2000)),
            DenseLinearAlgebra.Default, TestContext.Current.CancellationToken);
        var sampler = problem.Online!;
        var latent = new double[sampler.BatchSize * sampler.LatentDim];
        Assert.InRange(PeakConcurrency(2, () =>
        {
            for (var step = 0; step < 4; step++)
            {
                sampler.DrawLatent(step, latent);
            }
        }), 0, 2);
    }

    [Fact]
    public void OptionsCarryTheBoundAndTheToken()
    {
        var before = KernelParallelism.MaxThreads;
        try
        {
            KernelParallelism.MaxThreads = 3;
            using var source = new CancellationTokenSource();
            var options = KernelParallelism.Options(source.Token);
            Assert.Equal(3, options.MaxDegreeOfParallelism);
            Assert.Equal(source.Token, options.CancellationToken);
            Assert.Same(TaskScheduler.Default, options.TaskScheduler);
            Assert.Throws<ArgumentOutOfRangeException>(() => KernelParallelism.MaxThreads = 0);
        }
        finally
        {
            KernelParallelism.MaxThreads = before;
        }
    }

    [Fact]
    public void ACancelledBuildStops()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        var key = ProblemKey.Of(Run(DataRegime.Population, size: 64, latentDim: 300));
        Assert.ThrowsAny<OperationCanceledException>(() => ProblemBuilder.Build(key, ManagedDenseLinearAlgebra.Instance, source.Token));
    }
}
