namespace Orchestrator.FitCoverage;

/// <summary>How often one candidate covered the truth for one quantity at one seed count, and its widths.</summary>
internal sealed class CoverageTally
{
    private readonly List<double> _widths = [];

    public int Covered { get; private set; }

    public int Replicates { get; private set; }

    public int Undefined { get; private set; }

    public void Add(Interval interval, double truth)
    {
        Replicates++;
        if (!interval.IsDefined)
        {
            Undefined++;
            return;
        }

        _widths.Add(interval.Width);
        if (interval.Covers(truth))
        {
            Covered++;
        }
    }

    public double Coverage => Replicates == 0 ? double.NaN : (double)Covered / Replicates;

    public double MedianWidth
    {
        get
        {
            if (_widths.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _widths.Order().ToArray();
            int middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    /// <summary>"94.5% · 0.0612", with the count of undefined intervals when there were any; "—" when none was formed.</summary>
    public string Cell() =>
        Replicates == Undefined
            ? "—"
            : FormattableString.Invariant($"{Coverage:P1} · {MedianWidth:G3}") + (Undefined > 0 ? FormattableString.Invariant($" ({Undefined} undefined)") : "");
}
