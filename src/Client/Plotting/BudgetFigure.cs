using ScottPlot;

namespace Orchestrator.Client.Plotting;

/// <summary>
/// The budget figure: the width of the α interval against the core-seconds spent, on log–log axes, one step line per
/// sweep (the widest over its series, drawn once every series can be fitted), optionally one thin line per series,
/// and a sweep's target as a dotted horizontal line. The first sweep is drawn solid, the one it is compared with
/// (e.g. the full grid against an adaptive sweep) dashed, so that where each reaches the target reads off the x axis.
/// </summary>
public static class BudgetFigure
{
    public const int DefaultWidth = 1400;
    public const int DefaultHeight = 900;

    private static readonly IPalette SweepPalette = new ScottPlot.Palettes.Category10();
    private static readonly IPalette SeriesPalette = new ScottPlot.Palettes.ColorblindFriendly();
    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    /// <exception cref="FormatException">No sweep has a finished cell with a cost and an α interval to draw.</exception>
    public static void Save(IReadOnlyList<BudgetCurve> curves, bool perSeries, string path, int width, int height)
    {
        var plot = new Plot();
        var xs = new List<double>();
        var ys = new List<double>();
        var series = curves.SelectMany(c => c.Series).Distinct().ToList();
        for (var i = 0; i < curves.Count; i++)
        {
            var curve = curves[i];
            var pattern = Patterns[i % Patterns.Length];
            if (perSeries)
            {
                for (var k = 0; k < curve.Series.Count; k++)
                {
                    var k1 = k;
                    Draw(plot, curve.Points, p => p.Widths[k1], SeriesPalette.GetColor(series.IndexOf(curve.Series[k])), pattern, 1.5f,
                        $"{curve.Sweep}: {curve.Series[k]}", xs, ys);
                }
            }

            Draw(plot, curve.Points, p => p.Widest, SweepPalette.GetColor(i), pattern, 3f, $"{curve.Sweep}: widest over its series", xs, ys);
        }

        if (xs.Count == 0)
        {
            throw new FormatException(
                "no α interval to draw yet: a series needs finished cells at two sizes, three in all, and the cells their seconds");
        }

        foreach (var target in curves.Select(c => c.Target).OfType<double>().Where(t => t > 0).Distinct())
        {
            var line = plot.Add.HorizontalLine(LogAxis.ToLog(target), 2, Colors.Red, LinePattern.Dotted);
            line.LegendText = FormattableString.Invariant($"target {target:0.####}");
            ys.Add(target);
        }

        FigureStyle.Label(plot,
            $"{string.Join(" vs ", curves.Select(c => c.Sweep))}: α interval width against compute",
            "core-seconds spent (kernel seconds of the finished cells, in the order they were stored)",
            "width of the 95% power-law α interval");
        LogAxis.Apply(plot.Axes.Bottom, xs.Min(), xs.Max());
        LogAxis.Apply(plot.Axes.Left, ys.Min(), ys.Max());
        var (left, right, bottom, top) = (Math.Log10(xs.Min()), Math.Log10(xs.Max()), Math.Log10(ys.Min()), Math.Log10(ys.Max()));
        plot.Axes.SetLimits(left - Margin(left, right), right + Margin(left, right), bottom - Margin(bottom, top), top + Margin(bottom, top));
        FigureStyle.ShowLegend(plot, Alignment.UpperRight);
        plot.SavePng(path, width, height);
    }

    /// <summary>5% of the span each side, and some room when every value is the same.</summary>
    private static double Margin(double low, double high) => high > low ? 0.05 * (high - low) : 0.1;

    /// <summary>One step line of the positive widths at positive costs; nothing when there are none.</summary>
    private static void Draw(Plot plot, IReadOnlyList<BudgetPoint> points, Func<BudgetPoint, double?> width, Color color,
        LinePattern pattern, float lineWidth, string legend, List<double> xs, List<double> ys)
    {
        var shown = points.Where(p => p.CoreSeconds > 0 && width(p) is > 0).ToList();
        if (shown.Count == 0)
        {
            return;
        }

        var line = plot.Add.ScatterLine(
            shown.Select(p => LogAxis.ToLog(p.CoreSeconds)).ToArray(),
            shown.Select(p => LogAxis.ToLog(width(p)!.Value)).ToArray(),
            color);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.LineWidth = lineWidth;
        line.LinePattern = pattern;
        line.LegendText = legend;
        xs.AddRange(shown.Select(p => p.CoreSeconds));
        ys.AddRange(shown.Select(p => width(p)!.Value));
    }
}
