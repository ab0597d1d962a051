using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Orchestrator.Client.Plotting;

/// <summary>
/// Log scale for ScottPlot, which has none of its own: the data are drawn as log10 values and the axis gets ticks at
/// round values (1, 2, 5 × 10^k, or every integer multiple when the data span less than that shows), labelled with the
/// value itself (down to 1.5 and 2.5 × 10^k for data within a decade), and minor ticks at the other round values.
/// </summary>
public static class LogAxis
{
    private static readonly double[][] Mantissas = [[1], [1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9]];

    public static double ToLog(double value) => Math.Log10(value);

    /// <summary>Ticks for data between <paramref name="low"/> and <paramref name="high"/> (values, not logs; both positive).</summary>
    public static void Apply(IAxis axis, double low, double high)
    {
        // Margins around the data are drawn too: tick a decade beyond each end, the axis shows only what is visible.
        var first = (int)Math.Floor(Math.Log10(low)) - 1;
        var last = (int)Math.Ceiling(Math.Log10(high)) + 1;
        var ticks = new NumericManual();
        var mantissas = Mantissas.FirstOrDefault(m => Ticks(m, first, last).Count(v => v >= low && v <= high) >= 3) ?? Mantissas[^1];
        foreach (var value in Ticks(mantissas, first, last))
        {
            ticks.AddMajor(Math.Log10(value), value.ToString(Math.Abs(Math.Log10(value)) >= 5 ? "0e0" : "G6", CultureInfo.InvariantCulture));
        }

        foreach (var value in Ticks(Mantissas[^1], first, last).Except(Ticks(mantissas, first, last)))
        {
            ticks.AddMinor(Math.Log10(value));
        }

        axis.TickGenerator = ticks;
    }

    private static IEnumerable<double> Ticks(double[] mantissas, int firstDecade, int lastDecade) =>
        Enumerable.Range(firstDecade, lastDecade - firstDecade + 1)
            .SelectMany(k => mantissas.Select(m => Math.Round(m * Math.Pow(10, k), 12)));
}
