using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Numerics.RandomFeatures.Problems;
using Xunit;

namespace Orchestrator.Numerics.Tests.RandomFeatures;

public sealed class ProblemCacheTests
{
    private static RandomFeaturesRun Run(int seed, string optimizer = "gd") => new()
    {
        LatentDim = 128, Spectrum = 1, Size = 16, Seed = seed, Steps = 3, Optimizer = optimizer,
        LearningRate = optimizer is "adam" or "matrix-sign" ? 0.01 : null,
    };

    [Fact]
    public void CellsSharingAProblemBuildItOnce()
    {
        var cache = new ProblemCache(4);
        foreach (var optimizer in new[] { "gd", "momentum", "adam", "matrix-sign", "natural-gradient" })
        {
            TestKernel.Run(Run(1, optimizer), cache);
        }

        Assert.Equal(1, cache.Misses);
        Assert.Equal(4, cache.Hits);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void TheLeastRecentlyUsedProblemIsEvictedAtCapacity()
    {
        var cache = new ProblemCache(2);
        var builds = new List<int>();
        RandomFeaturesProblem Get(int seed) => cache.GetOrBuild(ProblemKey.Of(Run(seed)), key =>
        {
            builds.Add(key.Seed);
            return TestKernel.Build(Run(key.Seed));
        });

        var first = Get(1);
        Get(2);
        Assert.Same(first, Get(1)); // 1 is now the most recent
        Get(3);                     // evicts 2
        Assert.Equal(2, cache.Count);
        Get(1);
        Get(2);
        Assert.Equal([1, 2, 3, 2], builds);
    }

    [Fact]
    public void TheByteBoundEvictsOlderProblems()
    {
        var oneProblem = TestKernel.Build(Run(1)).Bytes;
        var cache = new ProblemCache(10, maxBytes: oneProblem + oneProblem / 2);
        TestKernel.Run(Run(1), cache);
        TestKernel.Run(Run(2), cache);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void ConcurrentRequestsForOneProblemBuildItOnce()
    {
        var cache = new ProblemCache(2);
        var builds = 0;
        var problems = new RandomFeaturesProblem[8];
        Parallel.For(0, problems.Length, i => problems[i] = cache.GetOrBuild(ProblemKey.Of(Run(5)), key =>
        {
            Interlocked.Increment(ref builds);
            Thread.Sleep(50);
            return TestKernel.Build(Run(5));
        }));
        Assert.Equal(1, builds);
        Assert.All(problems, p => Assert.Same(problems[0], p));
    }

    [Fact]
    public void AFailedBuildIsNotCached()
    {
        var cache = new ProblemCache(2);
        Assert.Throws<InvalidOperationException>(() =>
            cache.GetOrBuild(ProblemKey.Of(Run(1)), _ => throw new InvalidOperationException("boom")));
        Assert.Equal(0, cache.Count);
        Assert.NotNull(cache.GetOrBuild(ProblemKey.Of(Run(1)), _ => TestKernel.Build(Run(1))));
    }

    [Fact]
    public async Task AWaiterGetsTheProblemWhenTheFirstRequestersBuildIsCancelled()
    {
        var cache = new ProblemCache(2);
        var key = ProblemKey.Of(Run(1));
        using var first = new CancellationTokenSource();
        var firstBuilding = new ManualResetEventSlim();
        var builds = 0;
        var firstRequest = Task.Run(() => cache.GetOrBuild(key, k =>
        {
            Interlocked.Increment(ref builds);
            firstBuilding.Set();
            // The first requester gives up while the second one waits for its build.
            Assert.True(SpinWait.SpinUntil(() => cache.Hits >= 1, TimeSpan.FromSeconds(10)));
            first.Cancel();
            first.Token.ThrowIfCancellationRequested();
            return TestKernel.Build(Run(k.Seed));
        }), TestContext.Current.CancellationToken);
        firstBuilding.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var secondRequest = Task.Run(() => cache.GetOrBuild(key, k =>
        {
            Interlocked.Increment(ref builds);
            return TestKernel.Build(Run(k.Seed));
        }), TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => firstRequest);
        var problem = await secondRequest;
        Assert.Equal(TestKernel.Build(Run(1)).Bytes, problem.Bytes);
        Assert.Equal(2, builds);
        Assert.Same(problem, cache.GetOrBuild(key, _ => throw new InvalidOperationException("built again")));
    }

    [Fact]
    public async Task ABuildThatThrowsOnceIsBuiltAgainForTheRequestsThatWaitedOnIt()
    {
        var cache = new ProblemCache(2);
        var key = ProblemKey.Of(Run(1));
        var attempts = 0;
        RandomFeaturesProblem Build(ProblemKey k)
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                // Fails once, after a second request has come to wait for this build.
                Assert.True(SpinWait.SpinUntil(() => cache.Hits >= 1, TimeSpan.FromSeconds(10)));
                throw new InvalidOperationException("transient");
            }

            return TestKernel.Build(Run(k.Seed));
        }

        var firstRequest = Task.Run(() => cache.GetOrBuild(key, Build), TestContext.Current.CancellationToken);
        SpinWait.SpinUntil(() => Volatile.Read(ref attempts) >= 1, TimeSpan.FromSeconds(10));
        var secondRequest = Task.Run(() => cache.GetOrBuild(key, Build), TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<InvalidOperationException>(() => firstRequest);
        var problem = await secondRequest;
        Assert.Equal(2, attempts);
        Assert.Same(problem, cache.GetOrBuild(key, Build));
        Assert.Equal(2, attempts);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void CapacityMustBePositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProblemCache(0));
}
