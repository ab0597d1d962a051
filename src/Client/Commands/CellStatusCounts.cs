namespace Orchestrator.Client.Commands;

/// <summary>
/// The statuses of the cells of a results file, counted, and how many of them a refit can use: cells that
/// <c>succeeded</c> or <c>diverged</c> (a diverged cell is counted by the fit and excluded from it). A file written
/// by another tool may use other words ("done"); saying what was found turns an empty fit into a message.
/// </summary>
internal sealed class CellStatusCounts
{
    private readonly SortedDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Total { get; private set; }

    public int Usable { get; private set; }

    public static bool IsUsable(string status) => status is "succeeded" or "diverged";

    public void Add(string status)
    {
        Total++;
        _counts[status] = _counts.GetValueOrDefault(status) + 1;
        if (IsUsable(status))
        {
            Usable++;
        }
    }

    /// <summary>"10 cells read from FILE (succeeded 8, diverged 1, failed 1); 9 usable (status succeeded or diverged)".</summary>
    public string Describe(string path)
    {
        string statuses = _counts.Count == 0 ? "" : $" ({string.Join(", ", _counts.Select(c => $"{c.Key} {c.Value}"))})";
        return $"{Total} cells read from {path}{statuses}; {Usable} usable (status succeeded or diverged)";
    }
}
