namespace Orchestrator.Grains.Runs;

/// <summary>
/// The silo's kernel slots: at most <see cref="Capacity"/> kernels run at once on this silo, whatever the number of
/// run grains that want to. One instance per silo (a singleton).
/// </summary>
public sealed class KernelSlots(int capacity) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(capacity, capacity);
    private int _running;
    private int _waiting;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>Kernels running right now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Kernels accepted and waiting for a slot.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Slots free right now.</summary>
    public int Free => Capacity - Running;

    /// <summary>Kernels this silo holds, running or waiting: what placement weighs against <see cref="Capacity"/>.</summary>
    public int Load => Running + Waiting;

    /// <summary>Runs <paramref name="work"/> on the thread pool once a slot is free; never on the caller's scheduler.</summary>
    public Task<T> RunAsync<T>(Func<CancellationToken, T> work, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }

            Interlocked.Increment(ref _running);
            try
            {
                return work(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
                _slots.Release();
            }
        }, cancellationToken);

    public void Dispose() => _slots.Dispose();
}
