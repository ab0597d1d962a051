namespace Orchestrator.Numerics.RandomFeatures.Problems;

/// <summary>
/// A cell's hold on a cached problem (<see cref="ProblemCache.Rent"/>): while it lasts the problem's arrays stay the
/// problem's; disposing it (once) lets the cache recycle them after eviction.
/// </summary>
public sealed class ProblemLease : IDisposable
{
    private readonly ProblemCache _cache;
    private readonly ProblemCache.Entry _entry;
    private int _ended;

    internal ProblemLease(ProblemCache cache, ProblemCache.Entry entry, RandomFeaturesProblem problem)
    {
        _cache = cache;
        _entry = entry;
        Problem = problem;
    }

    public RandomFeaturesProblem Problem { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            _cache.End(_entry);
        }
    }
}
