using Orchestrator.Numerics.Fitting;
using ScottPlot;

namespace Orchestrator.Client.Plotting;

/// <summary>
/// Figure 2: the fitted exponent alpha against the spectrum's decay s, one line per optimizer, with the 95% bootstrap
/// interval as error bars. Optimizers are nudged apart along s so that their bars do not hide each other.
/// </summary>
public static class AlphaVsSpectrumFigure
{
    public const int DefaultWidth = 1400;
    public const int DefaultHeight = 900;

    public static void Save(FigureData data, string path, int width, int height)
    {
        var plot = new Plot();
        var step = data.Spectra.Count > 1 ? data.Spectra.Zip(data.Spectra.Skip(1), (a, b) => b - a).Min() : 0.25;
        var nudge = step * 0.25 / Math.Max(1, data.Optimizers.Count);
        var laws = new HashSet<string>();
        for (var i = 0; i < data.Optimizers.Count; i++)
        {
            var optimizer = data.Optimizers[i];
            var fits = data.Spectra
                .Select(s => data.PreferredFit(optimizer, s))
                .OfType<SeriesFit>()
                .ToList();
            if (fits.Count == 0)
            {
                continue;
            }

            laws.UnionWith(fits.Select(f => f.Law));
            var offset = (i - (data.Optimizers.Count - 1) / 2.0) * nudge;
            var xs = fits.Select(f => f.Spectrum + offset).ToArray();
            var ys = fits.Select(f => f.Alpha!.Value).ToArray();
            var color = FigureStyle.ColorOf(data, optimizer);
            var bars = new ScottPlot.Plottables.ErrorBar(
                xs,
                ys,
                xErrorsPositive: null,
                xErrorsNegative: null,
                yErrorsPositive: fits.Select(f => f.AlphaCiHigh is { } high ? high - f.Alpha!.Value : 0).ToArray(),
                yErrorsNegative: fits.Select(f => f.AlphaCiLow is { } low ? f.Alpha!.Value - low : 0).ToArray())
            {
                Color = color,
                LineWidth = 2,
                CapSize = 6,
            };
            plot.Add.Plottable(bars);
            var line = plot.Add.Scatter(xs, ys, color);
            line.LineWidth = 2;
            line.MarkerSize = 9;
            line.LegendText = optimizer;
        }

        var law = laws.SetEquals(["power"]) ? "L = A·N^-α" : "L = E + A·N^-α";
        FigureStyle.Label(plot, $"{data.Sweep}: scaling exponent α ({law}) with 95% bootstrap intervals", "spectrum decay s (λ_k = k^-s)", "α");
        FigureStyle.ShowLegend(plot, Alignment.UpperLeft);
        // One tick per spectrum of the grid: the nudged points sit around it.
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var s in data.Spectra)
        {
            ticks.AddMajor(s, s.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.SavePng(path, width, height);
    }
}
