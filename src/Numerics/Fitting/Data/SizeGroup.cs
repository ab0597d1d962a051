namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The usable cells of a series at one size: seeds in ascending order, their log losses and the observation each uses
/// (the best over its learning rates), whose loss curve the size × time law reads.
/// </summary>
internal sealed class SizeGroup(int size, int[] seeds, double[] logLosses, Observation[] cells)
{
    public int Size { get; } = size;

    public double LogSize { get; } = Math.Log(size);

    /// <summary>Ascending, distinct.</summary>
    public int[] Seeds { get; } = seeds;

    /// <summary>ln(final loss) of each seed, aligned with <see cref="Seeds"/>.</summary>
    public double[] LogLosses { get; } = logLosses;

    /// <summary>The observation each seed uses, aligned with <see cref="Seeds"/>.</summary>
    public Observation[] Cells { get; } = cells;

    public int Count => Seeds.Length;

    public double MeanLogLoss()
    {
        double sum = 0;
        foreach (double y in LogLosses)
        {
            sum += y;
        }

        return sum / LogLosses.Length;
    }

    /// <summary>Σ (y − ȳ)²: the part of any law's residual sum of squares that no law of N can explain.</summary>
    public double WithinSumOfSquares()
    {
        double mean = MeanLogLoss();
        double sum = 0;
        foreach (double y in LogLosses)
        {
            sum += (y - mean) * (y - mean);
        }

        return sum;
    }

    /// <summary>The log loss of <paramref name="seed"/>, or false when this size has no usable cell for it.</summary>
    public bool TryGetLogLoss(int seed, out double logLoss)
    {
        int index = Array.BinarySearch(Seeds, seed);
        logLoss = index >= 0 ? LogLosses[index] : double.NaN;
        return index >= 0;
    }
}
