namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The cells of a series, or of one bootstrap resample of it, by size: ln N per size and the log losses at each size
/// (a resample repeats a seed as often as it was drawn). Least squares needs only each size's mean and count, since
/// the cells of a size share N; a robust fit weights each cell by its own residual. Sizes with no cell count 0.
/// </summary>
internal sealed class SizeCells
{
    /// <param name="logSizes">ln N per size.</param>
    /// <param name="capacities">The most cells each size can hold.</param>
    public SizeCells(double[] logSizes, int[] capacities)
    {
        LogSizes = logSizes;
        LogLosses = capacities.Select(c => new double[c]).ToArray();
        Counts = new int[logSizes.Length];
    }

    public double[] LogSizes { get; }

    /// <summary>Per size, the log losses of its cells in the first <see cref="Counts"/> entries.</summary>
    public double[][] LogLosses { get; }

    /// <summary>Cells in use at each size.</summary>
    public int[] Counts { get; }

    public int SizesWithCells => Counts.Count(c => c > 0);

    /// <summary>The series' own cells, once each.</summary>
    public static SizeCells Of(SeriesData series)
    {
        var cells = new SizeCells(series.Groups.Select(g => g.LogSize).ToArray(), series.Groups.Select(g => g.Count).ToArray());
        for (int j = 0; j < series.Groups.Length; j++)
        {
            series.Groups[j].LogLosses.CopyTo(cells.LogLosses[j], 0);
            cells.Counts[j] = series.Groups[j].Count;
        }

        return cells;
    }

    /// <summary>
    /// Per size, the weighted mean of the log losses and the sum of the weights, with each cell weighted by
    /// <see cref="HuberLoss.Weight"/> of its residual against <paramref name="predictions"/> (ln L fitted at each
    /// size), or by 1 when <paramref name="delta"/> is null: then the mean and the cell count (and the predictions,
    /// which may be empty, are not read).
    /// </summary>
    public void Reduce(ReadOnlySpan<double> predictions, double? delta, Span<double> means, Span<double> weights)
    {
        for (int j = 0; j < Counts.Length; j++)
        {
            var values = LogLosses[j].AsSpan(0, Counts[j]);
            double sum = 0, total = 0;
            foreach (double y in values)
            {
                double w = delta is { } d ? HuberLoss.Weight(y - predictions[j], d) : 1;
                sum += w * y;
                total += w;
            }

            means[j] = total > 0 ? sum / total : 0;
            weights[j] = total;
        }
    }

    /// <summary>Σ over cells of the loss of the residual against <paramref name="predictions"/>: squared, or Huber with <paramref name="delta"/>.</summary>
    public double Objective(ReadOnlySpan<double> predictions, double? delta)
    {
        double sum = 0;
        for (int j = 0; j < Counts.Length; j++)
        {
            foreach (double y in LogLosses[j].AsSpan(0, Counts[j]))
            {
                double r = y - predictions[j];
                sum += delta is { } d ? HuberLoss.Value(r, d) : r * r;
            }
        }

        return sum;
    }
}
