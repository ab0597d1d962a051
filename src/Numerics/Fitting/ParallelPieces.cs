using System.Runtime.ExceptionServices;

namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Runs independent pieces of work 0 … n − 1, at most a given number at once, each worker taking the next piece in
/// index order as it becomes free (pieces differ in cost, so fixed blocks would leave workers idle). A piece writes
/// only its own results, so what is computed does not depend on the number of workers; one worker runs every piece on
/// the caller's thread.
/// </summary>
internal static class ParallelPieces
{
    /// <param name="count">How many pieces.</param>
    /// <param name="workers">The most pieces run at once (at least 1).</param>
    /// <param name="piece">Runs piece k.</param>
    /// <param name="cancellationToken">
    /// Once requested, no further piece starts; the pieces running finish, and unless every piece ran,
    /// <see cref="OperationCanceledException"/> is thrown.
    /// </param>
    public static void Run(int count, int workers, Action<int> piece, CancellationToken cancellationToken)
    {
        int completed = 0;
        if (workers <= 1)
        {
            for (int k = 0; k < count && !cancellationToken.IsCancellationRequested; k++)
            {
                piece(k);
                completed++;
            }
        }
        else
        {
            int next = -1;
            try
            {
                Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
                {
                    int k;
                    while (!cancellationToken.IsCancellationRequested && (k = Interlocked.Increment(ref next)) < count)
                    {
                        piece(k);
                        Interlocked.Increment(ref completed);
                    }
                });
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
            {
                // A piece's own exception, as the caller's thread would have seen it.
                ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
            }
        }

        if (completed < count)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
