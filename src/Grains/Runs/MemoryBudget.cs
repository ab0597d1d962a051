using System.Globalization;

namespace Orchestrator.Grains.Runs;

/// <summary>
/// The bytes this silo lets its kernels reserve at once. A cell reserves its estimated peak before its kernel starts
/// and returns it when the kernel ends; a reservation that does not fit waits, first come first served (a large cell
/// is not overtaken forever by small ones), until running kernels free enough. A reservation larger than the whole
/// budget can never fit and fails at once with <see cref="CellMemoryExceededException"/>, so nothing waits forever.
/// Thread-safe; one instance per silo.
/// </summary>
public sealed class MemoryBudget
{
    /// <summary>Share of the memory available at start that the default budget gives to kernels.</summary>
    public const double DefaultFraction = 0.75;

    // cgroup v1 writes "no limit" as long.MaxValue rounded down to a page; no machine has 2^62 bytes.
    private const long NoCgroupLimitFrom = 1L << 62;

    private readonly object _gate = new();
    private readonly LinkedList<Waiter> _waiting = new();
    private long _reserved;

    public MemoryBudget(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityBytes);
        Capacity = capacityBytes;
    }

    /// <summary>Bytes kernels may hold at once.</summary>
    public long Capacity { get; }

    /// <summary>Bytes reserved by running kernels right now.</summary>
    public long Reserved
    {
        get
        {
            lock (_gate)
            {
                return _reserved;
            }
        }
    }

    /// <summary>Reservations waiting for memory.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Where the cgroup file system is mounted on Linux.</summary>
    public const string CgroupRoot = "/sys/fs/cgroup";

    /// <summary>
    /// A budget of <see cref="DefaultFraction"/> of the memory available now: <c>MemAvailable</c> of /proc/meminfo
    /// where there is one, capped by what the runtime may use and by the cgroup's memory limit (a container's).
    /// </summary>
    public static MemoryBudget FromAvailableMemory() =>
        new(DefaultCapacity(AvailableMemoryBytes(), CgroupLimitBytes(CgroupRoot)));

    /// <summary>
    /// The default capacity: <see cref="DefaultFraction"/> of the smaller of <paramref name="availableBytes"/> and
    /// <paramref name="cgroupLimitBytes"/> (none when null), at least one byte.
    /// </summary>
    public static long DefaultCapacity(long availableBytes, long? cgroupLimitBytes) =>
        Math.Max(1, (long)(DefaultFraction * Math.Min(availableBytes, cgroupLimitBytes ?? long.MaxValue)));

    /// <summary>
    /// The memory limit of the cgroup mounted at <paramref name="cgroupRoot"/>: cgroup v2's <c>memory.max</c> or
    /// cgroup v1's <c>memory/memory.limit_in_bytes</c>, the smaller where both are there; null when neither file is
    /// there or readable, or neither sets a limit.
    /// </summary>
    public static long? CgroupLimitBytes(string cgroupRoot)
    {
        var v2 = ParseCgroupLimit(ReadOrNull(Path.Combine(cgroupRoot, "memory.max")));
        var v1 = ParseCgroupLimit(ReadOrNull(Path.Combine(cgroupRoot, "memory", "memory.limit_in_bytes")));
        return v2 is { } a && v1 is { } b ? Math.Min(a, b) : v2 ?? v1;
    }

    /// <summary>
    /// The limit written in a cgroup memory file, or null for none: "max" (cgroup v2), a value so large it stands
    /// for no limit (cgroup v1 writes a page-aligned <see cref="long.MaxValue"/>), or text that is not a byte count.
    /// </summary>
    public static long? ParseCgroupLimit(string? contents)
    {
        var text = contents?.Trim();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
               && bytes > 0 && bytes < NoCgroupLimitFrom
            ? bytes
            : null;
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reserves <paramref name="bytes"/>; the returned lease gives them back when disposed. Waits while they do not
    /// fit; throws <see cref="CellMemoryExceededException"/> when they exceed <see cref="Capacity"/>.
    /// </summary>
    public Task<IDisposable> ReserveAsync(long bytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (bytes > Capacity)
        {
            throw new CellMemoryExceededException(bytes, Capacity);
        }

        lock (_gate)
        {
            if (_waiting.Count == 0 && _reserved + bytes <= Capacity)
            {
                _reserved += bytes;
                return Task.FromResult<IDisposable>(new Lease(this, bytes));
            }

            var waiter = new Waiter(bytes);
            var node = _waiting.AddLast(waiter);
            waiter.Cancellation = cancellationToken.Register(() => Cancel(node));
            return waiter.Completion.Task;
        }
    }

    private void Cancel(LinkedListNode<Waiter> node)
    {
        lock (_gate)
        {
            if (node.List is null)
            {
                return; // granted already
            }

            _waiting.Remove(node);
            node.Value.Completion.TrySetCanceled();
            GrantWaiting();
        }
    }

    private void Release(long bytes)
    {
        lock (_gate)
        {
            _reserved -= bytes;
            GrantWaiting();
        }
    }

    // Called under the lock: grants waiters in arrival order while the first one fits.
    private void GrantWaiting()
    {
        while (_waiting.First is { } first && _reserved + first.Value.Bytes <= Capacity)
        {
            _waiting.RemoveFirst();
            _reserved += first.Value.Bytes;
            // Unregister, not Dispose: Dispose would wait for a cancellation callback blocked on this lock.
            first.Value.Cancellation.Unregister();
            if (!first.Value.Completion.TrySetResult(new Lease(this, first.Value.Bytes)))
            {
                _reserved -= first.Value.Bytes;
            }
        }
    }

    private static long AvailableMemoryBytes()
    {
        var runtime = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal));
            var kib = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kib is not null && long.TryParse(kib, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? Math.Min(runtime, value * 1024)
                : runtime;
        }
        catch (IOException)
        {
            return runtime;
        }
        catch (UnauthorizedAccessException)
        {
            return runtime;
        }
    }

    private sealed class Waiter(long bytes)
    {
        public long Bytes { get; } = bytes;
        // Continuations run outside the lock's caller: a granted kernel must not start inside Release.
        public TaskCompletionSource<IDisposable> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration Cancellation { get; set; }
    }

    private sealed class Lease(MemoryBudget budget, long bytes) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                budget.Release(bytes);
            }
        }
    }
}
