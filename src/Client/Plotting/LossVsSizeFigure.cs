using Orchestrator.Numerics.Fitting;
using ScottPlot;

namespace Orchestrator.Client.Plotting;

/// <summary>
/// Figure 1: final loss against size on log–log axes, one panel per spectrum, one colour per optimizer. Each seed is
/// a point; the line is the fitted law (<c>L = E + A·N^-alpha</c> by default, or <c>L = A·N^-alpha</c>), and
/// the legend gives alpha with its 95% bootstrap interval.
/// </summary>
public static class LossVsSizeFigure
{
    public const int DefaultWidth = 1800;
    public const int DefaultHeight = 1100;
    private const int CurveSamples = 64;

    public static void Save(FigureData data, string path, int width, int height)
    {
        var multiplot = FigureStyle.Panels(data.Spectra.Count);
        for (var i = 0; i < data.Spectra.Count; i++)
        {
            DrawPanel(multiplot.GetPlot(i), data, data.Spectra[i]);
        }

        multiplot.SavePng(path, width, height);
    }

    private static void DrawPanel(Plot plot, FigureData data, double spectrum)
    {
        foreach (var optimizer in data.Optimizers)
        {
            var color = FigureStyle.ColorOf(data, optimizer);
            var points = data.Points.Where(p => p.Optimizer == optimizer && p.Spectrum == spectrum).ToList();
            if (points.Count > 0)
            {
                var seeds = plot.Add.ScatterPoints(
                    points.Select(p => LogAxis.ToLog(p.Size)).ToArray(),
                    points.Select(p => LogAxis.ToLog(p.Loss)).ToArray(),
                    color);
                seeds.MarkerSize = 7;
                seeds.MarkerShape = MarkerShape.OpenCircle;
                seeds.MarkerLineWidth = 1.5f;
            }

            var fit = data.PreferredFit(optimizer, spectrum);
            var curve = Curve(fit, points);
            if (curve.Count > 1 && fit is not null)
            {
                var line = plot.Add.ScatterLine(curve.Select(c => c.X).ToArray(), curve.Select(c => c.Y).ToArray(), color);
                line.LineWidth = 2.5f;
                line.LegendText = $"{optimizer}: {fit.AlphaLabel()}" + (fit.Law == data.Law ? "" : $" ({fit.Law} law)");
            }
            else if (points.Count > 0)
            {
                plot.Add.ScatterPoints(new[] { LogAxis.ToLog(points[0].Size) }, new[] { LogAxis.ToLog(points[0].Loss) }, color).LegendText = $"{optimizer}: no fit";
            }
        }

        FigureStyle.Label(plot, FormattableString.Invariant($"s = {spectrum:0.###}: {(data.Law == "power" ? "L = A·N^-α" : "L = E + A·N^-α")}"), "size N (random features)", "final loss");
        var shown = data.Points.Where(p => p.Spectrum == spectrum).ToList();
        if (shown.Count > 0)
        {
            LogAxis.Apply(plot.Axes.Bottom, shown.Min(p => p.Size), shown.Max(p => p.Size));
            LogAxis.Apply(plot.Axes.Left, shown.Min(p => p.Loss), shown.Max(p => p.Loss));
        }
        FigureStyle.ShowLegend(plot, Alignment.LowerLeft);
    }

    /// <summary>The fitted law over the sizes the series spans, in log–log coordinates; empty where the law is not positive.</summary>
    private static List<Coordinates> Curve(SeriesFit? fit, IReadOnlyList<LossPoint> points)
    {
        if (fit is null || points.Count == 0)
        {
            return [];
        }

        var low = Math.Log10(points.Min(p => p.Size));
        var high = Math.Log10(points.Max(p => p.Size));
        var curve = new List<Coordinates>();
        for (var k = 0; k < CurveSamples; k++)
        {
            var logN = low + (high - low) * k / (CurveSamples - 1);
            if (fit.LossAt(Math.Pow(10, logN)) is { } loss && loss > 0 && double.IsFinite(loss))
            {
                curve.Add(new Coordinates(logN, Math.Log10(loss)));
            }
        }

        return curve;
    }
}
