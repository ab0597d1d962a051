namespace Orchestrator.Specs.Tests.Command;

/// <summary>
/// Records progress synchronously (<see cref="Progress{T}"/> would post it to the thread pool), then hands each report
/// to <paramref name="onReport"/> when given.
/// </summary>
public sealed class RecordingProgress(Action<(int Step, double Loss)>? onReport = null) : IProgress<(int Step, double Loss)>
{
    private readonly List<(int Step, double Loss)> _reports = [];

    public IReadOnlyList<(int Step, double Loss)> Reports
    {
        get
        {
            lock (_reports)
            {
                return _reports.ToList();
            }
        }
    }

    public void Report((int Step, double Loss) value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }

        onReport?.Invoke(value);
    }
}
