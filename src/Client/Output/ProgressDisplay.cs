using System.Diagnostics;
using System.Globalization;
using Orchestrator.Grains;

namespace Orchestrator.Client.Output;

/// <summary>
/// Live progress of a sweep: a bar redrawn in place on a terminal, or a plain line whenever the counts change
/// (at most every few seconds) when stdout is redirected. Rate and ETA count the cells finished while watching.
/// </summary>
public sealed class ProgressDisplay(TextWriter output, bool interactive)
{
    private const int BarWidth = 30;
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int? _firstFinished;
    private string _lastLine = "";
    private TimeSpan? _lastPrinted;

    public static ProgressDisplay ForConsole() => new(Console.Out, !Console.IsOutputRedirected);

    public void Update(SweepStatus status, bool final = false)
    {
        var finished = status.Done + status.Failed;
        _firstFinished ??= finished;
        var line = Describe(status, finished);
        if (interactive)
        {
            output.Write($"\r{Bar(status)} {line}".PadRight(_lastLine.Length + BarWidth + 3));
            _lastLine = line;
            if (final)
            {
                output.WriteLine();
            }
        }
        else if (final || (line != _lastLine && (_lastPrinted is null || _clock.Elapsed - _lastPrinted >= PlainInterval)))
        {
            output.WriteLine(line);
            _lastLine = line;
            _lastPrinted = _clock.Elapsed;
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
