namespace Orchestrator.Grains.Runs;

/// <summary>
/// The silo's kernel slots and memory budget: at most <see cref="Capacity"/> kernels run at once on this silo, and
/// together they reserve at most <see cref="Memory"/>'s capacity, whatever the number of run grains that want to run.
/// One instance per silo (a singleton).
/// </summary>
public sealed class KernelSlots(int capacity, MemoryBudget? memory = null) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(capacity, capacity);
    private int _running;
    private int _waiting;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>The bytes kernels may reserve at once; null when only slots bound the kernels.</summary>
    public MemoryBudget? Memory { get; } = memory;

    /// <summary>Kernels running right now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Kernels accepted and waiting for a slot or for memory.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Slots free right now.</summary>
    public int Free => Capacity - Running;

    /// <summary>Kernels this silo holds, running or waiting: what placement weighs against <see cref="Capacity"/>.</summary>
    public int Load => Running + Waiting;

    /// <summary>Runs <paramref name="work"/> on the thread pool once a slot is free; never on the caller's scheduler.</summary>
    public Task<T> RunAsync<T>(Func<CancellationToken, T> work, CancellationToken cancellationToken) =>
        RunAsync(work, reservedBytes: 0, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> on the thread pool once a slot is free and <paramref name="reservedBytes"/> are
    /// reserved from <see cref="Memory"/>; both are given back when it ends. Throws
    /// <see cref="CellMemoryExceededException"/> when the bytes exceed the whole budget.
    /// </summary>
    public Task<T> RunAsync<T>(Func<CancellationToken, T> work, long reservedBytes, CancellationToken cancellationToken) =>
        RunAsync(work, reservedBytes, timeout: null, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync{T}(Func{CancellationToken, T}, long, CancellationToken)"/>, and cancels
    /// <paramref name="work"/>'s token once it has run for <paramref name="timeout"/> (the wait for a slot does not
    /// count), which then fails with <see cref="CellTimedOutException"/>; its slot and memory are given back as soon
    /// as the work returns. A kernel that ignores its token keeps its slot: a thread cannot be stopped from outside.
    /// </summary>
    public Task<T> RunAsync<T>(Func<CancellationToken, T> work, long reservedBytes, TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        if (Memory is { } budget && reservedBytes > budget.Capacity)
        {
            // Never fits: fail before taking a slot or queueing.
            return Task.FromException<T>(new CellMemoryExceededException(reservedBytes, budget.Capacity));
        }

        return Task.Run(async () =>
        {
            IDisposable? reservation = null;
            Interlocked.Increment(ref _waiting);
            try
            {
                // Slot first, then memory: only running kernels hold memory, so a waiter always waits on work that ends.
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    reservation = Memory is null || reservedBytes == 0
                        ? null
                        : await Memory.ReserveAsync(reservedBytes, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    _slots.Release();
                    throw;
                }
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }

            Interlocked.Increment(ref _running);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (timeout is { } after)
            {
                limit.CancelAfter(after);
            }

            try
            {
                return work(limit.Token);
            }
            catch (OperationCanceledException) when (timeout is not null && limit.IsCancellationRequested
                                                   && !cancellationToken.IsCancellationRequested)
            {
                throw new CellTimedOutException(timeout.Value);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
                reservation?.Dispose();
                _slots.Release();
            }
        }, cancellationToken);
    }

    public void Dispose() => _slots.Dispose();
}
