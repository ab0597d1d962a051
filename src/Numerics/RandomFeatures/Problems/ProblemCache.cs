namespace Orchestrator.Numerics.RandomFeatures.Problems;

/// <summary>
/// A bounded, thread-safe, per-process cache of built problems, least recently used first out. Cells that share a
/// <see cref="ProblemKey"/> (they differ only in optimizer, learning rate or steps) build the problem once; a
/// concurrent second request waits for the first build instead of repeating it, lending its threads to the build
/// (<see cref="KernelParallelism.LendWhileWaiting"/>); if that build fails or is cancelled
/// by its own requester, the waiter builds the problem itself. A problem also keeps its
/// eigendecomposition once an optimizer asked for it. Bounded by entry count and, optionally, by bytes.
/// </summary>
/// <remarks>
/// A problem handed out by <see cref="Rent"/> is leased: once it is evicted and its last lease has ended, no cell can
/// reach it again, and its N×N arrays go to <see cref="MatrixPool"/> for the next build of that size. Problems handed
/// out by <see cref="GetOrBuild"/> are never recycled (their holder may keep them).
/// </remarks>
public sealed class ProblemCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ProblemKey, LinkedListNode<Entry>> _entries = new();
    private readonly LinkedList<Entry> _recency = new();
    private long _hits;
    private long _misses;

    /// <param name="capacity">Most problems kept (≥ 1).</param>
    /// <param name="maxBytes">Most bytes kept over all built problems; the most recent one is always kept.</param>
    public ProblemCache(int capacity, long maxBytes = long.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        Capacity = capacity;
        MaxBytes = maxBytes;
    }

    public int Capacity { get; }
    public long MaxBytes { get; }

    /// <summary>Problems currently held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>How many requests found their problem already present (or being built).</summary>
    public long Hits
    {
        get
        {
            lock (_gate)
            {
                return _hits;
            }
        }
    }

    /// <summary>How many requests had to build.</summary>
    public long Misses
    {
        get
        {
            lock (_gate)
            {
                return _misses;
            }
        }
    }

    /// <summary>
    /// The cached problem for <paramref name="key"/>, built with <paramref name="build"/> when absent. A build that
    /// throws (e.g. cancelled by its requester) is not cached, and only its own requester sees the exception: a
    /// request that was waiting for that build builds the problem again itself (with its own <paramref name="build"/>,
    /// so under its own cancellation), and so does any later request.
    /// </summary>
    public RandomFeaturesProblem GetOrBuild(ProblemKey key, Func<ProblemKey, RandomFeaturesProblem> build) =>
        Rent(key, build).Problem; // a lease never ended: the holder may keep the problem

    /// <summary>
    /// As <see cref="GetOrBuild"/>, leased (<paramref name="build"/> must return a problem nothing else holds, since
    /// its arrays may be recycled): the problem stays whole until the lease is disposed, after which the cache
    /// may recycle its arrays once it has evicted it. Dispose the lease when the cell is done with the problem.
    /// </summary>
    public ProblemLease Rent(ProblemKey key, Func<ProblemKey, RandomFeaturesProblem> build)
    {
        while (true)
        {
            Entry entry;
            bool builds;
            lock (_gate)
            {
                if (_entries.TryGetValue(key, out var node))
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    _hits++;
                    entry = node.Value;
                    builds = false;
                }
                else
                {
                    entry = new Entry(key);
                    _entries[key] = _recency.AddFirst(entry);
                    _misses++;
                    EvictBeyondCapacity();
                    builds = true;
                }

                // Taken now, before any wait, so the problem cannot be recycled between its build and this request.
                entry.Leases++;
            }

            if (builds)
            {
                return new ProblemLease(this, entry, Build(entry, build));
            }

            RandomFeaturesProblem problem;
            try
            {
                // The waiting cell computes nothing: its threads help the build's loops meanwhile.
                using (KernelParallelism.LendWhileWaiting())
                {
                    problem = entry.Problem.Task.GetAwaiter().GetResult();
                }
            }
            catch
            {
                // Another requester's build failed or was cancelled; it is no longer cached. Build again.
                End(entry);
                continue;
            }

            lock (_gate)
            {
                EvictBeyondCapacity();
            }

            return new ProblemLease(this, entry, problem);
        }
    }

    private RandomFeaturesProblem Build(Entry entry, Func<ProblemKey, RandomFeaturesProblem> build)
    {
        RandomFeaturesProblem problem;
        try
        {
            problem = build(entry.Key);
        }
        catch (Exception ex)
        {
            lock (_gate)
            {
                // Forgotten before the waiters wake, so that none of them finds the failed build again.
                if (_entries.TryGetValue(entry.Key, out var node) && ReferenceEquals(node.Value, entry))
                {
                    _entries.Remove(entry.Key);
                    _recency.Remove(node);
                }

                entry.Leases--;
            }

            entry.Problem.SetException(ex);
            _ = entry.Problem.Task.Exception; // observed: the waiters build again instead
            throw;
        }

        lock (_gate)
        {
            entry.Problem.SetResult(problem);
            EvictBeyondCapacity();
        }

        return problem;
    }

    /// <summary>Ends one lease of <paramref name="entry"/>; recycles its problem when it was the last and the entry is evicted.</summary>
    internal void End(Entry entry)
    {
        long garbage;
        lock (_gate)
        {
            entry.Leases--;
            garbage = RecycleIfUnreachable(entry);
        }

        CollectIfLarge(garbage);
    }

    /// <summary>
    /// Hands the problem's N×N arrays to <see cref="MatrixPool"/> once nothing can reach it (evicted, no lease).
    /// Returns the bytes it leaves to the collector (an eigendecomposition, say).
    /// </summary>
    private static long RecycleIfUnreachable(Entry entry)
    {
        if (entry.Leases != 0 || !entry.Evicted || !entry.Problem.Task.IsCompletedSuccessfully)
        {
            return 0;
        }

        var problem = entry.Problem.Task.Result;
        return problem.Bytes - problem.ReturnMatrices();
    }

    private void EvictBeyondCapacity()
    {
        var garbage = 0L;
        while (_recency.Count > Capacity || (_recency.Count > 1 && HeldBytes() > MaxBytes))
        {
            var last = _recency.Last!;
            _recency.RemoveLast();
            _entries.Remove(last.Value.Key);
            last.Value.Evicted = true;
            garbage += RecycleIfUnreachable(last.Value);
        }

        CollectIfLarge(garbage);
    }

    /// <summary>
    /// Large arrays live on the large-object heap until a full collection; left to the collector's own pace, several
    /// dropped ones pile up as resident garbage. A background collection (it returns at once) gives their memory back.
    /// </summary>
    internal static void CollectIfLarge(long garbageBytes)
    {
        if (garbageBytes >= LargeProblemBytes)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: false);
        }
    }

    /// <summary>Garbage from this size up (64 MiB) triggers a background full collection when the cache or the pool drops it.</summary>
    public const long LargeProblemBytes = 64L << 20;

    private long HeldBytes()
    {
        var total = 0L;
        foreach (var entry in _recency)
        {
            if (entry.Problem.Task.IsCompletedSuccessfully)
            {
                total += entry.Problem.Task.Result.Bytes;
            }
        }

        return total;
    }

    internal sealed class Entry(ProblemKey key)
    {
        public ProblemKey Key { get; } = key;

        /// <summary>Completed by the requester that builds the problem; the others wait for it.</summary>
        public TaskCompletionSource<RandomFeaturesProblem> Problem { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Requests holding or waiting for the problem (under the cache's lock).</summary>
        public int Leases { get; set; }

        /// <summary>No longer in the cache: no new request can reach it (under the cache's lock).</summary>
        public bool Evicted { get; set; }
    }
}
