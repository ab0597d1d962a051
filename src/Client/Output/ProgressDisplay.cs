using System.Diagnostics;
using System.Globalization;
using Orchestrator.Grains;

namespace Orchestrator.Client.Output;

/// <summary>
/// Live progress of a sweep: on a terminal, a bar and the current α table redrawn in place; when stdout is
/// redirected, a plain line whenever the counts change (at most every few seconds). Rate and ETA count the cells
/// finished while watching.
/// </summary>
public sealed class ProgressDisplay(TextWriter output, bool interactive)
{
    /// <summary>True on a terminal: the caller may pass the current α table to draw under the bar.</summary>
    public bool Interactive => interactive;

    private const int BarWidth = 30;
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int? _firstFinished;
    private string _lastLine = "";
    private int _drawnLines;
    private TimeSpan? _lastPrinted;

    public static ProgressDisplay ForConsole() => new(Console.Out, !Console.IsOutputRedirected);

    public void Update(SweepStatus status, bool final = false, string? table = null)
    {
        var finished = status.Done + status.Failed;
        _firstFinished ??= finished;
        var line = Describe(status, finished);
        if (interactive)
        {
            // Back to where the last frame started (ANSI: cursor up N lines, clear to the end of the screen). Lines
            // are clipped to the window, so that none wraps and the count of lines to go back stays exact.
            var (width, height) = WindowSize();
            var lines = ($"{Bar(status)} {line}\n" + (final ? "" : table ?? "")).TrimEnd('\n').Split('\n')
                .Take(Math.Max(1, height - 1))
                .Select(l => l.Length < width ? l : l[..Math.Max(1, width - 1)])
                .ToList();
            output.Write((_drawnLines > 0 ? $"\x1b[{_drawnLines}F" : "\r") + "\x1b[J" + string.Join('\n', lines) + "\n");
            _drawnLines = lines.Count;
            _lastLine = line;
        }
        else if (final || (line != _lastLine && (_lastPrinted is null || _clock.Elapsed - _lastPrinted >= PlainInterval)))
        {
            output.WriteLine(line);
            _lastLine = line;
            _lastPrinted = _clock.Elapsed;
        }
    }

    private static (int Width, int Height) WindowSize()
    {
        try
        {
            return (Math.Max(20, Console.WindowWidth), Math.Max(5, Console.WindowHeight));
        }
        catch (IOException)
        {
            return (120, 40);
        }
    }

    private string Describe(SweepStatus s, int finished)
    {
        var seconds = _clock.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? (finished - _firstFinished!.Value) / seconds : 0;
        var remaining = s.Total - finished;
        var eta = rate > 0 && remaining > 0 ? $" · ETA {FormatDuration(remaining / rate)}" : "";
        var diverged = s.Diverged > 0 ? $" ({s.Diverged} diverged)" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{finished}/{s.Total} done{diverged} · {s.Running} running · {s.Failed} failed · {rate:0.0} cells/s{eta} · {s.State.ToString().ToLowerInvariant()}");
    }

    private static string Bar(SweepStatus s)
    {
        var filled = s.Total == 0 ? 0 : (int)Math.Round(BarWidth * (double)(s.Done + s.Failed) / s.Total);
        return "[" + new string('#', filled) + new string('.', BarWidth - filled) + "]";
    }

    private static string FormatDuration(double seconds) =>
        seconds < 60 ? $"{seconds:0}s" : seconds < 3600 ? $"{seconds / 60:0}m{seconds % 60:00}s" : $"{seconds / 3600:0}h{seconds % 3600 / 60:00}m";
}
