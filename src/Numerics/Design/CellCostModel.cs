using System.Globalization;

namespace Orchestrator.Numerics.Design;

/// <summary>
/// The core-seconds one cell of size N is expected to cost, learned from the cells measured so far:
/// ln seconds = <see cref="LogIntercept"/> + <see cref="Exponent"/> · ln N by least squares over the measured cells
/// (each cell one point) once two sizes are measured; with one size, cost ∝ N through that size's geometric mean;
/// with none, cost ∝ N in relative units (<see cref="IsAbsolute"/> false), which still orders candidates by cost but
/// cannot be compared with a budget in seconds. The exponent is kept at 0 or above: on a loaded machine a few small
/// cells can make the fitted slope negative, and a model that called larger cells cheaper would steer a design to them.
/// A pure function of the measurements in their given order.
/// </summary>
public sealed record CellCostModel(double LogIntercept, double Exponent, bool IsAbsolute, int CellsMeasured, int SizesMeasured)
{
    /// <summary>Nothing measured: cost N in relative units.</summary>
    public static CellCostModel Unmeasured { get; } = new(0, 1, false, 0, 0);

    /// <summary>Learns from (size, seconds) of measured cells; cells with non-finite or non-positive seconds are skipped.</summary>
    public static CellCostModel Learn(IEnumerable<(int Size, double Seconds)> cells)
    {
        var points = cells
            .Where(c => c.Size >= 1 && double.IsFinite(c.Seconds) && c.Seconds > 0)
            .Select(c => (X: Math.Log(c.Size), Y: Math.Log(c.Seconds), c.Size))
            .ToList();
        if (points.Count == 0)
        {
            return Unmeasured;
        }

        int sizes = points.Select(p => p.Size).Distinct().Count();
        double xBar = 0, yBar = 0;
        foreach (var p in points)
        {
            xBar += p.X;
            yBar += p.Y;
        }

        xBar /= points.Count;
        yBar /= points.Count;
        if (sizes == 1)
        {
            return new CellCostModel(yBar - xBar, 1, true, points.Count, 1);
        }

        double sxx = 0, sxy = 0;
        foreach (var p in points)
        {
            sxx += (p.X - xBar) * (p.X - xBar);
            sxy += (p.X - xBar) * (p.Y - yBar);
        }

        double slope = Math.Max(0, sxy / sxx);
        return new CellCostModel(yBar - slope * xBar, slope, true, points.Count, sizes);
    }

    /// <summary>The predicted cost of one cell of <paramref name="size"/>: seconds, or relative units when not <see cref="IsAbsolute"/>.</summary>
    public double PredictCell(int size) => Math.Exp(LogIntercept + Exponent * Math.Log(size));

    /// <summary>The model in words, e.g. "seconds ≈ 2.1e-05·N^1.02 from 14 cells at 3 sizes".</summary>
    public string Describe() => IsAbsolute
        ? string.Create(CultureInfo.InvariantCulture,
            $"seconds ≈ {Math.Exp(LogIntercept):G3}·N^{Exponent:F2} from {CellsMeasured} cells at {SizesMeasured} size{(SizesMeasured == 1 ? "" : "s")}")
        : "no cell measured yet: cost taken ∝ N";
}
