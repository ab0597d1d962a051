using Orchestrator.Numerics.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

public sealed class ParallelPiecesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Every_piece_runs_once(int workers)
    {
        var runs = new int[20];

        ParallelPieces.Run(runs.Length, workers, k => Interlocked.Increment(ref runs[k]), TestContext.Current.CancellationToken);

        Assert.All(runs, count => Assert.Equal(1, count));
    }

    [Fact]
    public void No_piece_starts_after_cancellation_and_the_run_says_so()
    {
        using var stop = new CancellationTokenSource();
        var ran = new List<int>();

        Assert.Throws<OperationCanceledException>(() => ParallelPieces.Run(10, 1, k =>
        {
            ran.Add(k);
            if (k == 3)
            {
                stop.Cancel();
            }
        }, stop.Token));

        Assert.Equal([0, 1, 2, 3], ran);
    }

    [Fact]
    public void A_cancellation_after_the_last_piece_changes_nothing()
    {
        using var stop = new CancellationTokenSource();
        int ran = 0;

        ParallelPieces.Run(4, 2, k =>
        {
            if (Interlocked.Increment(ref ran) == 4)
            {
                stop.Cancel();
            }
        }, stop.Token);

        Assert.Equal(4, ran);
    }

    [Fact]
    public void A_failing_piece_fails_the_run_with_its_own_exception()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => ParallelPieces.Run(8, 2, k =>
        {
            if (k == 5)
            {
                throw new InvalidOperationException("piece 5");
            }
        }, TestContext.Current.CancellationToken));

        Assert.Equal("piece 5", failure.Message);
    }
}
