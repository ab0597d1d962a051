namespace Orchestrator.Numerics.RandomFeatures.Problems;

/// <summary>
/// A bounded, thread-safe, per-process cache of built problems, least recently used first out. Cells that share a
/// <see cref="ProblemKey"/> (they differ only in optimizer, learning rate or steps) build the problem once; a
/// concurrent second request waits for the first build instead of repeating it. A problem also keeps its
/// eigendecomposition once an optimizer asked for it. Bounded by entry count and, optionally, by bytes.
/// </summary>
public sealed class ProblemCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ProblemKey, LinkedListNode<Entry>> _entries = new();
    private readonly LinkedList<Entry> _recency = new();

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
    public long Hits { get; private set; }

    /// <summary>How many requests had to build.</summary>
    public long Misses { get; private set; }

    /// <summary>
    /// The cached problem for <paramref name="key"/>, built with <paramref name="build"/> when absent. A build that
    /// throws (e.g. cancelled by its requester) is not cached: its waiters see the exception and a later request
    /// builds again.
    /// </summary>
    public RandomFeaturesProblem GetOrBuild(ProblemKey key, Func<ProblemKey, RandomFeaturesProblem> build)
    {
        Lazy<RandomFeaturesProblem> lazy;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                Hits++;
                lazy = node.Value.Problem;
            }
            else
            {
                lazy = new Lazy<RandomFeaturesProblem>(() => build(key), LazyThreadSafetyMode.ExecutionAndPublication);
                _entries[key] = _recency.AddFirst(new Entry(key, lazy));
                Misses++;
                EvictBeyondCapacity();
            }
        }

        try
        {
            var problem = lazy.Value;
            lock (_gate)
            {
                EvictBeyondCapacity();
            }

            return problem;
        }
        catch
        {
            lock (_gate)
            {
                if (_entries.TryGetValue(key, out var node) && ReferenceEquals(node.Value.Problem, lazy))
                {
                    _entries.Remove(key);
                    _recency.Remove(node);
                }
            }

            throw;
        }
    }

    private void EvictBeyondCapacity()
    {
        while (_recency.Count > Capacity || (_recency.Count > 1 && HeldBytes() > MaxBytes))
        {
            var last = _recency.Last!;
            _recency.RemoveLast();
            _entries.Remove(last.Value.Key);
        }
    }

    private long HeldBytes()
    {
        var total = 0L;
        foreach (var entry in _recency)
        {
            if (entry.Problem.IsValueCreated)
            {
                total += entry.Problem.Value.Bytes;
            }
        }

        return total;
    }

    private sealed record Entry(ProblemKey Key, Lazy<RandomFeaturesProblem> Problem);
}
