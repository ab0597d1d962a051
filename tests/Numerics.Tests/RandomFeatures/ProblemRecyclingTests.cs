using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Numerics.RandomFeatures.Problems;
using Xunit;

namespace Orchestrator.Numerics.Tests.RandomFeatures;

/// <summary>
/// The cache hands the N×N arrays of a problem it has evicted, once no lease holds it, to the next build of that size
/// (<see cref="MatrixPool"/>); never those of a problem still leased or handed out without a lease.
/// </summary>
[Collection(IsolatedKernelStateCollection.Name)]
public sealed class ProblemRecyclingTests
{
    // Large enough for the pool to keep its arrays (N² ≥ MatrixPool.SmallestKept).
    private static RandomFeaturesRun Run(int seed, string optimizer = "gd") => new()
    {
        LatentDim = 500, Spectrum = 1.3, Size = 400, Seed = seed, Steps = 20, Optimizer = optimizer,
        LearningRate = optimizer is "adam" or "matrix-sign" ? 0.01 : null,
    };

    private static ProblemLease Rent(ProblemCache cache, int seed) =>
        cache.Rent(ProblemKey.Of(Run(seed)), k => ProblemBuilder.Build(k, DenseLinearAlgebra.Default, TestContext.Current.CancellationToken));

    [Fact]
    public void AnEvictedProblemsArraysGoToTheNextBuildOnlyOnceItsLastLeaseEnds()
    {
        var cache = new ProblemCache(1);
        var first = Rent(cache, 1);
        var firstHessian = first.Problem.Population.Hessian;
        var expected = (double[])firstHessian.Clone();

        double[] secondHessian;
        using (var second = Rent(cache, 2)) // evicts problem 1, still leased
        {
            secondHessian = second.Problem.Population.Hessian;
            Assert.NotSame(firstHessian, secondHessian);
            Assert.Equal(expected, first.Problem.Population.Hessian);
        }

        first.Dispose(); // problem 1's last lease: its H is kept for the next build
        first.Dispose(); // a second dispose changes nothing
        using var third = Rent(cache, 3); // evicts problem 2 (unleased) and builds into one of the two arrays
        var thirdHessian = third.Problem.Population.Hessian;
        Assert.True(ReferenceEquals(thirdHessian, firstHessian) || ReferenceEquals(thirdHessian, secondHessian),
            "the third build allocated a new array");
        Assert.Equal(ProblemBuilder.Build(ProblemKey.Of(Run(3)), DenseLinearAlgebra.Default, TestContext.Current.CancellationToken).Population.Hessian,
            third.Problem.Population.Hessian);
    }

    [Fact]
    public void ThePoolKeepsArraysOfOneSizeAndDropsThemWhenBuildsMoveToAnother()
    {
        const long large = 400 * 400, small = 300 * 300;
        var first = new double[large];
        var second = new double[large];
        var third = new double[large];
        MatrixPool.Return(first);
        MatrixPool.Return(second);
        MatrixPool.Return(third); // beyond MostKept: dropped
        first[7] = 1.0;
        var again = MatrixPool.RentCleared(large);
        Assert.True(ReferenceEquals(again, first) || ReferenceEquals(again, second));
        Assert.All(again, x => Assert.Equal(0.0, x));
        var other = MatrixPool.RentCleared(large);
        Assert.True(ReferenceEquals(other, first) || ReferenceEquals(other, second));
        Assert.NotSame(third, MatrixPool.RentCleared(large));

        MatrixPool.Return(first);
        MatrixPool.RentCleared(small); // builds moved to another size: the kept array goes
        Assert.NotSame(first, MatrixPool.RentCleared(large));
    }

    [Fact]
    public void AProblemHandedOutWithoutALeaseIsNeverRecycled()
    {
        var cache = new ProblemCache(1);
        var kept = cache.GetOrBuild(ProblemKey.Of(Run(4)), k => ProblemBuilder.Build(k, DenseLinearAlgebra.Default, TestContext.Current.CancellationToken));
        var expected = (double[])kept.Population.Hessian.Clone();
        using (Rent(cache, 5))
        {
        }

        using var next = Rent(cache, 6);
        Assert.NotSame(kept.Population.Hessian, next.Problem.Population.Hessian);
        Assert.Equal(expected, kept.Population.Hessian);
    }

    [Fact]
    public void CellsRunThroughACacheThatRecyclesGiveTheSameBitsAsCellsRunAlone()
    {
        var cache = new ProblemCache(1);
        var runs = new[] { 1, 2, 1, 3, 2 }.SelectMany(seed => new[] { Run(seed), Run(seed, "natural-gradient"), Run(seed, "adam") }).ToArray();
        var reusedBefore = MatrixPool.Reused;
        foreach (var run in runs)
        {
            var cached = TestKernel.Run(run, cache);
            var alone = TestKernel.Run(run, DenseLinearAlgebra.Default);
            Assert.Equal(alone.FinalLoss, cached.FinalLoss);
            Assert.Equal(alone.Curve, cached.Curve);
        }

        Assert.True(MatrixPool.Reused > reusedBefore, "no build took a recycled array");
        Assert.Equal(5, cache.Misses);
    }
}
