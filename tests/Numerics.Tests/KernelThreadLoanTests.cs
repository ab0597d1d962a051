using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Numerics.RandomFeatures.Problems;
using Xunit;

namespace Orchestrator.Numerics.Tests;

/// <summary>
/// A kernel that waits for another's work lends its threads (<see cref="KernelParallelism.LendWhileWaiting"/>); loops
/// that start meanwhile borrow them, and the bits do not change.
/// </summary>
[Collection(IsolatedKernelStateCollection.Name)]
public sealed class KernelThreadLoanTests
{
    /// <summary>The most bodies of one 8-index loop seen running at once (each body sleeps, so they overlap when allowed).</summary>
    private static int LoopConcurrency()
    {
        var running = 0;
        var peak = 0;
        KernelParallelism.SchedulerForTests.Value = new CountingScheduler();
        try
        {
            KernelParallelism.For(0, 8, TestContext.Current.CancellationToken, _ =>
            {
                var now = Interlocked.Increment(ref running);
                int seen;
                while (now > (seen = Volatile.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
                {
                }

                Thread.Sleep(40);
                Interlocked.Decrement(ref running);
            });
        }
        finally
        {
            KernelParallelism.SchedulerForTests.Value = null;
        }

        return peak;
    }

    private static T WithMaxThreads<T>(int threads, Func<T> work)
    {
        var before = KernelParallelism.MaxThreads;
        try
        {
            KernelParallelism.MaxThreads = threads;
            return work();
        }
        finally
        {
            KernelParallelism.MaxThreads = before;
        }
    }

    [Fact]
    public void ALoopBorrowsTheThreadsLentWhileItStartsAndGivesThemBack()
    {
        WithMaxThreads(1, () =>
        {
            Assert.Equal(1, LoopConcurrency());
            using (KernelParallelism.LendWhileWaiting())
            {
                Assert.Equal(1, KernelParallelism.LendableThreads);
                Assert.Equal(2, LoopConcurrency());
                Assert.Equal(1, KernelParallelism.LendableThreads);
            }

            Assert.Equal(0, KernelParallelism.LendableThreads);
            Assert.Equal(1, LoopConcurrency());
            return 0;
        });
    }

    [Fact]
    public void ALoanEndedWhileItsThreadsAreBorrowedIsSettledWhenTheLoopReturnsThem()
    {
        WithMaxThreads(1, () =>
        {
            var loan = KernelParallelism.LendWhileWaiting();
            using var borrowing = new ManualResetEventSlim();
            using var release = new ManualResetEventSlim();
            var loop = Task.Run(() => KernelParallelism.For(0, 2, TestContext.Current.CancellationToken, i =>
            {
                if (i == 0)
                {
                    borrowing.Set();
                    release.Wait(TimeSpan.FromSeconds(10));
                }
            }), TestContext.Current.CancellationToken);
            Assert.True(borrowing.Wait(TimeSpan.FromSeconds(10)));
            loan.Dispose();
            Assert.Equal(0, KernelParallelism.LendableThreads); // lent 1, borrowed 1, loan ended: nothing to lend
            release.Set();
            loop.Wait(TestContext.Current.CancellationToken);
            Assert.Equal(0, KernelParallelism.LendableThreads);
            return 0;
        });
    }

    [Fact]
    public void ARequestWaitingForAProblemLendsItsThreadsToTheBuildUntilItEnds()
    {
        var run = new RandomFeaturesRun { LatentDim = 300, Spectrum = 1, Size = 40, Seed = 3, Steps = 1, Optimizer = "gd" };
        var cache = new ProblemCache(2);
        var key = ProblemKey.Of(run);
        var lentDuringBuild = WithMaxThreads(1, () =>
        {
            using var building = new ManualResetEventSlim();
            var lent = 0;
            var builder = Task.Run(() => cache.GetOrBuild(key, k =>
            {
                building.Set();
                // The second request has come to wait for this build.
                SpinWait.SpinUntil(() => KernelParallelism.LendableThreads == 1, TimeSpan.FromSeconds(10));
                lent = KernelParallelism.LendableThreads;
                return ProblemBuilder.Build(k, DenseLinearAlgebra.Default, TestContext.Current.CancellationToken);
            }), TestContext.Current.CancellationToken);
            building.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            var waiter = Task.Run(() => cache.GetOrBuild(key, _ => throw new InvalidOperationException("built twice")),
                TestContext.Current.CancellationToken);
            Assert.Same(builder.GetAwaiter().GetResult(), waiter.GetAwaiter().GetResult());
            return lent;
        });

        Assert.Equal(1, lentDuringBuild);
        Assert.Equal(0, KernelParallelism.LendableThreads);
        Assert.Equal(1, cache.Misses);
    }

    [Fact]
    public void AProblemBuiltOnBorrowedThreadsHasTheSameBits()
    {
        var key = ProblemKey.Of(new RandomFeaturesRun
        {
            LatentDim = 900, Spectrum = 1.2, Size = 600, Seed = 5, Steps = 1, Optimizer = "gd",
        });
        var alone = WithMaxThreads(1, () => ProblemBuilder.Build(key, DenseLinearAlgebra.Default, TestContext.Current.CancellationToken));
        var helped = WithMaxThreads(1, () =>
        {
            using var loan = KernelParallelism.LendWhileWaiting();
            return ProblemBuilder.Build(key, DenseLinearAlgebra.Default, TestContext.Current.CancellationToken);
        });
        Assert.Equal(alone.Population.Hessian, helped.Population.Hessian);
        Assert.Equal(alone.Population.Cross, helped.Population.Cross);
        Assert.Equal(alone.Population.Constant, helped.Population.Constant);
    }
}
