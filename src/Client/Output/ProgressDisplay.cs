using System.Diagnostics;
using System.Globalization;
using Orchestrator.Grains;

namespace Orchestrator.Client.Output;

/// <summary>
/// Live progress of a sweep: on a terminal, a bar and the current α table redrawn in place; when stdout is
/// redirected, a plain line whenever the counts change (at most every few seconds). Rate and ETA count the cells
/// finished while watching. An adaptive sweep is counted against the cells its policy chose, not its candidates, with
/// no ETA while the policy may still choose more; on a terminal its design (each series' α interval, the target, the
/// units queued) is drawn under the bar, and a plain line ends with the widest interval and the units queued.
/// </summary>
/// <param name="window">The terminal's size in characters; null reads the console's at each frame.</param>
public sealed class ProgressDisplay(TextWriter output, bool interactive, (int Width, int Height)? window = null)
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
            var (width, height) = window ?? WindowSize();
            var design = status.Design is { } progress ? "\n" + DesignSummary.Render(status, progress) : "";
            var lines = ($"{Bar(status)} {line}\n" + (final ? "" : design + (table ?? ""))).TrimEnd('\n').Split('\n')
                .Take(Math.Max(1, height - 1))
                .Select(l => l.Length < width ? l : l[..Math.Max(1, width - 1)])
                .ToList();
            output.Write((_drawnLines > 0 ? $"\x1b[{_drawnLines}F" : "\r") + "\x1b[J" + string.Join('\n', lines) + "\n");
            _drawnLines = lines.Count;
            _lastLine = line;
        }
        else if (final || (line != _lastLine && (_lastPrinted is null || _clock.Elapsed - _lastPrinted >= PlainInterval)))
        {
            output.WriteLine(status.Design is { } progress ? line + DesignSummary.Brief(progress) : line);
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
        var remaining = Planned(s) - finished;
        // While an adaptive policy may choose more, the cells left are not known.
        var eta = rate > 0 && remaining > 0 && s.Design is null or { Stop: not null } ? $" · ETA {FormatDuration(remaining / rate)}" : "";
        var diverged = s.Diverged > 0 ? $" ({s.Diverged} diverged)" : "";
        var done = s.Design is { } design ? $"{finished}/{design.CellsChosen} chosen done" : $"{finished}/{s.Total} done";
        var notChosen = s.Design is { } d ? $" · {DesignSummary.NotChosen(s, d)}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{done}{diverged} · {s.Running} running · {s.Failed} failed · {rate:0.0} cells/s{eta}{notChosen} · {s.State.ToString().ToLowerInvariant()}");
    }

    /// <summary>The cells the sweep will run as far as is known: every cell, or those an adaptive policy chose.</summary>
    private static int Planned(SweepStatus s) => s.Design?.CellsChosen ?? s.Total;

    private static string Bar(SweepStatus s)
    {
        var planned = Planned(s);
        var filled = planned == 0 ? 0 : (int)Math.Round(BarWidth * Math.Min(1, (double)(s.Done + s.Failed) / planned));
        return "[" + new string('#', filled) + new string('.', BarWidth - filled) + "]";
    }

    private static string FormatDuration(double seconds) =>
        seconds < 60 ? $"{seconds:0}s" : seconds < 3600 ? $"{seconds / 60:0}m{seconds % 60:00}s" : $"{seconds / 3600:0}h{seconds % 3600 / 60:00}m";
}
