using System.Globalization;
using Orchestrator.Numerics.Fitting;
using ScottPlot;

namespace Orchestrator.Client.Plotting;

/// <summary>
/// The size × time figure: loss against dynamical time τ = η·t on log–log axes, one panel per series (optimizer ×
/// spectrum) with a size × time fit, one colour per size (dark for the smallest). Each seed's curve points are
/// dots; the lines are the fitted law L(N, τ) = E + A·N^-α + B·τ^-β at each size over the τ range of the fit, and the
/// title gives α and β with their 95% intervals.
/// </summary>
public static class SizeTimeFigure
{
    public const int DefaultWidth = 1800;
    public const int DefaultHeight = 1100;
    private const int CurveSamples = 64;

    /// <exception cref="FormatException">The document has no size × time fits to draw.</exception>
    public static void Save(FigureData data, string path, int width, int height)
    {
        var fits = data.SizeTimeFits;
        if (fits.Count == 0)
        {
            throw new FormatException(
                "no size × time fits to draw: they need loss curves over at least 2 distinct τ = lr·step and 3 sizes (e.g. synthetic with steps > 1)");
        }

        var multiplot = FigureStyle.Panels(fits.Count);
        for (var i = 0; i < fits.Count; i++)
        {
            DrawPanel(multiplot.GetPlot(i), data, fits[i]);
        }

        multiplot.SavePng(path, width, height);
    }

    private static void DrawPanel(Plot plot, FigureData data, SizeTimeFit fit)
    {
        var points = data.CurvePoints.Where(p => p.Optimizer == fit.Optimizer && p.Spectrum == fit.Spectrum).ToList();
        var sizes = points.Select(p => p.Size).Distinct().Order().ToList();
        var colormap = new ScottPlot.Colormaps.Viridis();
        for (var k = 0; k < sizes.Count; k++)
        {
            // Viridis from dark to yellow, stopping short of its palest end so the last size stays legible.
            var color = colormap.GetColor(sizes.Count == 1 ? 0 : 0.85 * k / (sizes.Count - 1));
            var atSize = points.Where(p => p.Size == sizes[k]).ToList();
            var dots = plot.Add.ScatterPoints(
                atSize.Select(p => LogAxis.ToLog(p.Tau)).ToArray(),
                atSize.Select(p => LogAxis.ToLog(p.Loss)).ToArray(),
                color);
            dots.MarkerSize = 5;
            dots.MarkerShape = MarkerShape.OpenCircle;

            var curve = Curve(fit, sizes[k]);
            if (curve.Count > 1)
            {
                var line = plot.Add.ScatterLine(curve.Select(c => c.X).ToArray(), curve.Select(c => c.Y).ToArray(), color);
                line.LineWidth = 2.5f;
                line.LegendText = string.Create(CultureInfo.InvariantCulture, $"N = {sizes[k]}");
            }
        }

        FigureStyle.Label(plot, Title(fit), "dynamical time τ = lr · step", "loss");
        if (points.Count > 0)
        {
            LogAxis.Apply(plot.Axes.Bottom, points.Min(p => p.Tau), points.Max(p => p.Tau));
            LogAxis.Apply(plot.Axes.Left, points.Min(p => p.Loss), points.Max(p => p.Loss));
        }

        FigureStyle.ShowLegend(plot, Alignment.LowerLeft);
    }

    /// <summary>"gd, s = 1: α = 0.300 [0.295, 0.305], β = 0.500 [0.48, 0.52]" (a held exponent says so).</summary>
    private static string Title(SizeTimeFit fit) => string.Create(CultureInfo.InvariantCulture,
        $"{fit.Optimizer}, s = {fit.Spectrum:0.###}: {Exponent("α", fit.Alpha, fit.AlphaCiLow, fit.AlphaCiHigh, fit.AlphaFixed)}, {Exponent("β", fit.Beta, fit.BetaCiLow, fit.BetaCiHigh, fit.BetaFixed)}");

    private static string Exponent(string name, double? value, double? low, double? high, bool held) =>
        held ? string.Create(CultureInfo.InvariantCulture, $"{name} = {value:0.000} (fixed)")
        : low is { } l && high is { } h ? string.Create(CultureInfo.InvariantCulture, $"{name} = {value:0.000} [{l:0.000}, {h:0.000}]")
        : string.Create(CultureInfo.InvariantCulture, $"{name} = {value:0.000}");

    /// <summary>The fitted law at one size over the fit's τ range, in log–log coordinates.</summary>
    private static List<Coordinates> Curve(SizeTimeFit fit, int size)
    {
        if (fit.MinTau is not { } first || fit.MaxTau is not { } last)
        {
            return [];
        }

        var (low, high) = (Math.Log10(first), Math.Log10(last));
        var curve = new List<Coordinates>();
        for (var k = 0; k < CurveSamples; k++)
        {
            var logTau = low + (high - low) * k / (CurveSamples - 1);
            if (fit.LossAt(size, Math.Pow(10, logTau)) is { } loss && loss > 0 && double.IsFinite(loss))
            {
                curve.Add(new Coordinates(logTau, Math.Log10(loss)));
            }
        }

        return curve;
    }
}
