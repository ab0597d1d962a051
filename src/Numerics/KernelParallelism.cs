namespace Orchestrator.Numerics;

/// <summary>
/// How many threads a kernel's parallel loops may use at once: the native dense algebra's pieces and the kernels' own
/// loops alike. Process-wide; a silo running several kernels side by side gives each its share of the cores, so they
/// cannot flood the thread pool between them. A kernel that waits for another's work (a cell waiting for the problem
/// another cell is building) lends its share meanwhile, and the loops that start while it waits borrow it, so the
/// build runs on the waiting kernel's core too.
/// </summary>
/// <remarks>
/// Every bounded loop writes each iteration's own slot from its own random stream or fixed piece, so the bound (and
/// what a loop borrows) changes speed, never bits (tested). Loops run on the thread pool, never on the caller's
/// scheduler (a grain's, say).
/// </remarks>
public static class KernelParallelism
{
    private static int _maxThreads = Environment.ProcessorCount;

    /// <summary>Threads lent by waiting kernels less those borrowed by running loops (negative while a loan ends early).</summary>
    private static int _lendable;

    /// <summary>Where the loops of the current flow run instead of the thread pool, so tests can watch them.</summary>
    internal static readonly AsyncLocal<TaskScheduler?> SchedulerForTests = new();

    /// <summary>The most threads one kernel's loop may run at once (at least 1), before borrowing. Default: the processor count.</summary>
    public static int MaxThreads
    {
        get => Volatile.Read(ref _maxThreads);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref _maxThreads, value);
        }
    }

    /// <summary>Threads that loops starting now could borrow.</summary>
    public static int LendableThreads => Math.Max(0, Volatile.Read(ref _lendable));

    /// <summary>
    /// Lends the caller's <see cref="MaxThreads"/> threads to other kernels' loops until the loan is disposed: call it
    /// around a wait during which the caller computes nothing.
    /// </summary>
    public static IDisposable LendWhileWaiting() => new Loan(MaxThreads);

    /// <summary>
    /// Runs <paramref name="body"/> for each index of [<paramref name="from"/>, <paramref name="to"/>) on at most
    /// <see cref="MaxThreads"/> threads plus those it can borrow when it starts (never more than it has indices).
    /// </summary>
    public static void For(int from, int to, CancellationToken cancellationToken, Action<int> body)
    {
        var count = to - from;
        var own = MaxThreads;
        var borrowed = count > own ? Borrow(count - own) : 0;
        try
        {
            Parallel.For(from, to, Options(own + borrowed, cancellationToken), body);
        }
        finally
        {
            if (borrowed > 0)
            {
                Interlocked.Add(ref _lendable, borrowed);
            }
        }
    }

    /// <summary>Options for a kernel loop: at most <see cref="MaxThreads"/> at once, stopped by <paramref name="cancellationToken"/>.</summary>
    public static ParallelOptions Options(CancellationToken cancellationToken = default) =>
        Options(MaxThreads, cancellationToken);

    private static ParallelOptions Options(int threads, CancellationToken cancellationToken) =>
        new()
        {
            MaxDegreeOfParallelism = threads,
            CancellationToken = cancellationToken,
            TaskScheduler = SchedulerForTests.Value ?? TaskScheduler.Default,
        };

    private static int Borrow(int wanted)
    {
        while (true)
        {
            var available = Volatile.Read(ref _lendable);
            var take = Math.Min(wanted, available);
            if (take <= 0)
            {
                return 0;
            }

            if (Interlocked.CompareExchange(ref _lendable, available - take, available) == available)
            {
                return take;
            }
        }
    }

    private sealed class Loan : IDisposable
    {
        private int _threads;

        public Loan(int threads)
        {
            _threads = threads;
            Interlocked.Add(ref _lendable, threads);
        }

        public void Dispose()
        {
            var threads = Interlocked.Exchange(ref _threads, 0);
            if (threads > 0)
            {
                Interlocked.Add(ref _lendable, -threads);
            }
        }
    }
}
