namespace Orchestrator.AdaptiveBenchmark;

/// <summary>
/// The seconds a random-features cell costs on a simulated host that keeps its last <see cref="Capacity"/> problems
/// (the host's default problem cache): the warm training time, plus the problem's build when the host does not hold
/// it. One instance per simulated sweep; cells are charged in the order they start.
/// </summary>
internal sealed class ProblemCacheCosts
{
    public const int Capacity = 8;

    private readonly LinkedList<(double Spectrum, int Size, int Seed)> _recent = new();

    public double Charge(MeasuredCell cell)
    {
        var key = (cell.Spectrum, cell.Size, cell.Seed);
        bool held = _recent.Remove(key);
        _recent.AddFirst(key);
        if (_recent.Count > Capacity)
        {
            _recent.RemoveLast();
        }

        return cell.WarmSeconds + (held ? 0 : cell.BuildSeconds);
    }
}
