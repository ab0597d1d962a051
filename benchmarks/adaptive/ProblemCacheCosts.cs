namespace Orchestrator.AdaptiveBenchmark;

/// <summary>
/// The seconds a random-features cell costs on a simulated host that keeps its last <see cref="Capacity"/> problems
/// (the host's default problem cache): the warm training time, plus the problem's build when the host does not hold
/// it. One instance per simulated sweep, whatever its policy, so the full grid and the adaptive policies pay builds by
/// the same rule; cells are charged in the order they start.
/// </summary>
internal sealed class ProblemCacheCosts
{
    public const int Capacity = 8;

    private readonly LinkedList<(double Spectrum, int Size, int Seed)> _recent = new();
    private readonly HashSet<(double Spectrum, int Size, int Seed)> _built = [];

    /// <summary>Builds charged so far, a problem built again after it was dropped counted again.</summary>
    public int Builds { get; private set; }

    /// <summary>Distinct problems built so far.</summary>
    public int Problems => _built.Count;

    public double Charge(MeasuredCell cell)
    {
        var key = (cell.Spectrum, cell.Size, cell.Seed);
        bool held = _recent.Remove(key);
        _recent.AddFirst(key);
        if (_recent.Count > Capacity)
        {
            _recent.RemoveLast();
        }

        if (held)
        {
            return cell.WarmSeconds;
        }

        Builds++;
        _built.Add(key);
        return cell.WarmSeconds + cell.BuildSeconds;
    }
}
