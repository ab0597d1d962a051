using System.Globalization;

namespace Orchestrator.Numerics.Design;

/// <summary>
/// One series (optimizer, spectrum) within a decision: its candidate sizes and units, its usable finished units per
/// size and the fit on them, and the units pending at each size (running, or chosen earlier in the same decision),
/// which the predictions count as if they had finished usable.
/// </summary>
internal sealed class DesignSeries
{
    public DesignSeries(int index, string optimizer, double spectrum, IReadOnlyList<DesignUnit> units)
    {
        Index = index;
        Optimizer = optimizer;
        Spectrum = spectrum;
        Sizes = units.Select(u => u.Size).Distinct().Order().ToArray();
        LogSizes = Sizes.Select(s => Math.Log(s)).ToArray();
        UnitsBySize = Sizes
            .Select(size => units.Where(u => u.Size == size).OrderBy(u => u.Seed).ThenBy(u => u.Id).Select(u => u.Id).ToArray())
            .ToArray();
        Usable = new int[Sizes.Length];
        Finished = new int[Sizes.Length];
        Pending = new int[Sizes.Length];
    }

    public int Index { get; }

    public string Optimizer { get; }

    public double Spectrum { get; }

    /// <summary>Candidate sizes, ascending.</summary>
    public int[] Sizes { get; }

    public double[] LogSizes { get; }

    /// <summary>Per size, the unit ids in ascending seed order (then id).</summary>
    public int[][] UnitsBySize { get; }

    /// <summary>Finished units with a usable loss, per size: the cells of <see cref="Fit"/>.</summary>
    public int[] Usable { get; }

    /// <summary>Finished units per size, usable or not.</summary>
    public int[] Finished { get; }

    /// <summary>Units running or chosen in this decision, per size.</summary>
    public int[] Pending { get; }

    public int UnitsFinished { get; set; }

    public int UnitsRunning { get; set; }

    /// <summary>The product's power-law interval from the usable finished units; null until it can be fitted.</summary>
    public PowerLawInterval? Fit { get; set; }

    /// <summary>"gd s=1".</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{Optimizer} s={Spectrum:R}");

    public int SizeIndex(int size) => Array.BinarySearch(Sizes, size);

    /// <summary>Usable finished plus pending units at size <paramref name="j"/>.</summary>
    public int Count(int j) => Usable[j] + Pending[j];

    public int PendingTotal => Pending.Sum();

    /// <summary>Units chosen at size <paramref name="j"/>, finished (usable or not) or pending: what a balanced design equalizes.</summary>
    public int Chosen(int j) => Finished[j] + Pending[j];

    /// <summary>True when the usable and pending units could be fitted once finished: three or more at two sizes or more.</summary>
    public bool FittableOnceFinished()
    {
        int units = 0, sizes = 0;
        for (int j = 0; j < Sizes.Length; j++)
        {
            units += Count(j);
            sizes += Count(j) > 0 ? 1 : 0;
        }

        return units >= 3 && sizes >= 2;
    }

    /// <summary>Weighted mean ln N of the usable and pending units (the candidates' mean when there are none).</summary>
    public double MeanLogSize()
    {
        double sum = 0;
        int count = 0;
        for (int j = 0; j < Sizes.Length; j++)
        {
            sum += Count(j) * LogSizes[j];
            count += Count(j);
        }

        return count > 0 ? sum / count : LogSizes.Average();
    }

    /// <summary>
    /// The residual variance the predictions use: at least the series' own, more where the other series' pooled
    /// variance suggests the own one is low by chance (set by the ledger once the series has a fit).
    /// </summary>
    public double CautiousVariance { get; set; }

    /// <summary>
    /// The α interval width predicted once the pending units (and one more at size <paramref name="extra"/>, when
    /// not negative) have finished: 2·t(n − 2)·√(σ²/S_xx) with the counts and S_xx of then and σ² the
    /// <see cref="CautiousVariance"/>. A series' own variance alone would stop investing in a series whose residuals
    /// so far happened to be small, and its interval would then cover less often than its level says. Never less than
    /// the current width when nothing is pending or added, so a series above the target with nothing running is
    /// always predicted above it; null until the series has a fit.
    /// </summary>
    public double? PredictedWidth(int extra, TQuantiles quantiles)
    {
        if (Fit is not { } fit)
        {
            return null;
        }

        int n = 0;
        double sum = 0;
        for (int j = 0; j < Sizes.Length; j++)
        {
            int c = Count(j) + (j == extra ? 1 : 0);
            n += c;
            sum += c * LogSizes[j];
        }

        double mean = sum / n;
        double sxx = 0;
        for (int j = 0; j < Sizes.Length; j++)
        {
            int c = Count(j) + (j == extra ? 1 : 0);
            sxx += c * (LogSizes[j] - mean) * (LogSizes[j] - mean);
        }

        double predicted = 2 * quantiles.At(n - 2) * Math.Sqrt(CautiousVariance / sxx);
        return extra < 0 && PendingTotal == 0 ? Math.Max(fit.Width, predicted) : predicted;
    }
}
