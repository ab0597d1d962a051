using System.Globalization;
using System.Text;
using Orchestrator.Grains;
using Orchestrator.Grains.Telemetry;

namespace Orchestrator.Client.Output;

/// <summary>
/// Where an adaptive sweep's design stands, in words (<c>status</c>, the end of <c>run</c>, the live view): the
/// policy, the target and the budgets against the spend, the cells chosen among the candidates, the decisions and why it
/// stopped choosing; then one row per series with its power-law α, the 95% interval and its width against the target,
/// and its units finished and queued. A candidate the policy has not chosen is not work left: it is said "not chosen".
/// </summary>
public static class DesignSummary
{
    /// <summary>
    /// The status line of an adaptive sweep: "adapt: running · 40/45 chosen cells done · 3 running · 2 waiting · 0
    /// failed · 0 diverged · 595 of 640 candidates not chosen yet".
    /// </summary>
    public static string StatusLine(SweepStatus s, DesignProgress design)
    {
        var counts = Counts.Of(s, design);
        return Invariant(
            $"{s.Sweep}: {ResultsDocument.Name(s.State)} · {counts.Finished}/{design.CellsChosen} chosen cells done · {s.Running} running · {counts.Waiting} waiting · {s.Failed} failed · {s.Diverged} diverged · {NotChosen(s, design)}");
    }

    /// <summary>The progress column of <c>list</c>: "40/45 chosen (89%) of 640 candidates".</summary>
    public static string Progress(SweepStatus s, DesignProgress design)
    {
        var finished = Counts.Of(s, design).Finished;
        var percent = design.CellsChosen > 0 ? 100.0 * finished / design.CellsChosen : 0;
        return Invariant($"{finished}/{design.CellsChosen} chosen ({percent:0}%) of {s.Total} candidates");
    }

    /// <summary>"595 of 640 candidates not chosen yet", without "yet" once the policy has stopped choosing.</summary>
    public static string NotChosen(SweepStatus s, DesignProgress design) =>
        Invariant($"{Counts.Of(s, design).NotChosen} of {s.Total} candidates not chosen{(design.Stop is null && !s.IsFinished ? " yet" : "")}");

    /// <summary>The design's summary lines and its table of series.</summary>
    public static string Render(SweepStatus s, DesignProgress design)
    {
        var text = new StringBuilder();
        var stop = design.Stop is { } reason ? $"stopped: {Words(DesignLabels.Stop(reason) ?? reason)}"
            : s.IsFinished ? "stopped with the sweep" : "still choosing";
        text.AppendLine(Invariant($"Adaptive design ({DesignLabels.Policy(design.Policy)} policy): {design.Decisions} decisions, {stop}"));
        text.AppendLine(design.TargetWidth is { } target
            ? Invariant($"  target: every series' α interval at most {target:0.####} wide")
            : "  target: none (runs to its budget)");
        var budget = design.BudgetSeconds is { } seconds ? $", budget {Seconds(seconds)}" : "";
        text.AppendLine(Invariant($"  core-seconds: {Seconds(design.SpentSeconds)} spent, {Seconds(design.CommittedSeconds)} committed{budget}"));
        var cellBudget = design.BudgetCells is { } cells ? Invariant($", budget {cells}") : "";
        text.AppendLine(Invariant($"  cells: {design.CellsChosen} chosen{cellBudget}; {NotChosen(s, design)}"));
        text.Append(SeriesTable(design));
        return text.ToString();
    }

    /// <summary>One row per series: α, its interval and width against the target (✓ when met), units finished and queued.</summary>
    public static string SeriesTable(DesignProgress design)
    {
        var table = new TextTable("optimizer", "s", "alpha (power)", "95% CI", "width", "target", "met", "units done", "units queued");
        foreach (var series in design.Series)
        {
            var interval = series is { Alpha: { } alpha, Width: { } width }
                ? Invariant($"[{alpha - width / 2:0.0000}, {alpha + width / 2:0.0000}]")
                : "";
            table.Add(
                series.Optimizer,
                FitTables.Format(series.Spectrum, "0.###"),
                FitTables.Format(series.Alpha, "0.0000"),
                interval,
                FitTables.Format(series.Width, "0.0000"),
                FitTables.Format(design.TargetWidth, "0.####"),
                series.MeetsTarget ? "✓" : "",
                series.UnitsFinished.ToString(CultureInfo.InvariantCulture),
                series.UnitsQueued.ToString(CultureInfo.InvariantCulture));
        }

        return table.ToString();
    }

    /// <summary>
    /// What a plain progress line adds for an adaptive sweep: " · widest α interval 0.0410 (target 0.02) · 6 units
    /// queued", the widest over the series that can be fitted.
    /// </summary>
    public static string Brief(DesignProgress design)
    {
        var widths = design.Series.Select(s => s.Width).OfType<double>().ToList();
        var widest = widths.Count == 0 ? "no α interval yet" : Invariant($"widest α interval {widths.Max():0.0000}");
        var target = design.TargetWidth is { } t ? Invariant($" (target {t:0.####})") : "";
        var stopped = design.Stop is { } reason ? $" · stopped: {Words(DesignLabels.Stop(reason) ?? reason)}" : "";
        return Invariant($" · {widest}{target} · {design.Series.Sum(s => s.UnitsQueued)} units queued{stopped}");
    }

    /// <summary>Core-seconds at a precision that suits their size.</summary>
    internal static string Seconds(double seconds) =>
        seconds.ToString(Math.Abs(seconds) < 10 ? "0.00" : Math.Abs(seconds) < 1000 ? "0.0" : "0", CultureInfo.InvariantCulture);

    private static string Words(string label) => label.Replace('-', ' ');

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The status's counts against the design: cells finished, chosen ones not started, candidates not chosen.</summary>
    private readonly record struct Counts(int Finished, int Waiting, int NotChosen)
    {
        public static Counts Of(SweepStatus s, DesignProgress design)
        {
            var finished = s.Done + s.Failed;
            return new Counts(finished, Math.Max(0, design.CellsChosen - finished - s.Running), Math.Max(0, s.Total - design.CellsChosen));
        }
    }
}
