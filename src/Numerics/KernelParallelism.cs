namespace Orchestrator.Numerics;

/// <summary>
/// How many threads a kernel's parallel loops may use at once: the native dense algebra's pieces and the kernels' own
/// <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> loops alike. Process-wide; a silo running several
/// kernels side by side gives each its share of the cores, so they cannot flood the thread pool between them.
/// </summary>
/// <remarks>
/// Every bounded loop writes each iteration's own slot from its own random stream or fixed piece, so the bound changes
/// speed, never bits (tested). Loops run on the thread pool, never on the caller's scheduler (a grain's, say).
/// </remarks>
public static class KernelParallelism
{
    private static int _maxThreads = Environment.ProcessorCount;

    /// <summary>Where the loops of the current flow run instead of the thread pool, so tests can watch them.</summary>
    internal static readonly AsyncLocal<TaskScheduler?> SchedulerForTests = new();

    /// <summary>The most threads one kernel's loop may run at once (at least 1). Default: the processor count.</summary>
    public static int MaxThreads
    {
        get => Volatile.Read(ref _maxThreads);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref _maxThreads, value);
        }
    }

    /// <summary>Options for a kernel loop: at most <see cref="MaxThreads"/> at once, stopped by <paramref name="cancellationToken"/>.</summary>
    public static ParallelOptions Options(CancellationToken cancellationToken = default) =>
        new()
        {
            MaxDegreeOfParallelism = MaxThreads,
            CancellationToken = cancellationToken,
            TaskScheduler = SchedulerForTests.Value ?? TaskScheduler.Default,
        };
}
