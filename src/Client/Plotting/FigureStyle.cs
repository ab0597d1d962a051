using ScottPlot;

namespace Orchestrator.Client.Plotting;

/// <summary>What the figures share: one colour per optimizer (in grid order) and legible type.</summary>
public static class FigureStyle
{
    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    public const float TitleSize = 20;
    public const float LabelSize = 17;
    public const float TickSize = 14;
    public const float LegendSize = 14;

    public static Color ColorOf(FigureData data, string optimizer)
    {
        var index = data.Optimizers.ToList().IndexOf(optimizer);
        return Palette.GetColor(Math.Max(0, index));
    }

    public static void Label(Plot plot, string title, string x, string y)
    {
        plot.Title(title, TitleSize);
        plot.XLabel(x, LabelSize);
        plot.YLabel(y, LabelSize);
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickSize;
    }

    /// <summary><paramref name="count"/> panels (at least one) in rows of up to three.</summary>
    public static Multiplot Panels(int count)
    {
        var panels = Math.Max(1, count);
        var columns = Math.Min(3, panels);
        var multiplot = new Multiplot();
        multiplot.AddPlots(panels);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid((panels + columns - 1) / columns, columns);
        return multiplot;
    }

    public static void ShowLegend(Plot plot, Alignment alignment)
    {
        plot.ShowLegend(alignment);
        plot.Legend.FontSize = LegendSize;
    }
}
