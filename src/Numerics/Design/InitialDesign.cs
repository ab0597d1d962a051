namespace Orchestrator.Numerics.Design;

/// <summary>
/// The first units of a series, chosen before any other so that every series is fitted early: the two lowest seeds at
/// three sizes spread over the lower two thirds of the candidate sizes in log order (of 64 … 4096 by doubling: 64,
/// 256 and 1024), which span a wide range of N at a small share of the cost of the largest sizes. With three sizes or
/// fewer, all of them. A series whose initial units leave it unfittable (diverged cells) gets further units, more
/// seeds at the initial sizes first, until three usable units at two sizes can be fitted.
/// </summary>
internal static class InitialDesign
{
    public const int SeedsPerSize = 2;

    public const int SizeCount = 3;

    /// <summary>Indices of the initial sizes among <paramref name="sizes"/> ascending sizes: round(i·(k − 1)/3), i = 0, 1, 2.</summary>
    public static int[] SizeIndices(int sizes) =>
        sizes <= SizeCount
            ? Enumerable.Range(0, sizes).ToArray()
            : Enumerable.Range(0, SizeCount).Select(i => (2 * i * (sizes - 1) + 3) / 6).ToArray();

    /// <summary>
    /// The series' units in the order the initial design takes them, and how many of them form the initial design
    /// proper: seed rank by seed rank, the initial sizes in ascending order; then the rest of the initial sizes' seeds
    /// and then every other size, seed rank by seed rank.
    /// </summary>
    public static (int[] Order, int BaseCount) Order(DesignSeries series)
    {
        var initial = SizeIndices(series.Sizes.Length);
        var order = new List<int>();
        for (int rank = 0; rank < SeedsPerSize; rank++)
        {
            foreach (int j in initial)
            {
                if (rank < series.UnitsBySize[j].Length)
                {
                    order.Add(series.UnitsBySize[j][rank]);
                }
            }
        }

        int baseCount = order.Count;
        int maxRank = series.UnitsBySize.Max(ids => ids.Length);
        for (int rank = SeedsPerSize; rank < maxRank; rank++)
        {
            foreach (int j in initial)
            {
                if (rank < series.UnitsBySize[j].Length)
                {
                    order.Add(series.UnitsBySize[j][rank]);
                }
            }
        }

        for (int rank = 0; rank < maxRank; rank++)
        {
            for (int j = 0; j < series.Sizes.Length; j++)
            {
                if (!initial.Contains(j) && rank < series.UnitsBySize[j].Length)
                {
                    order.Add(series.UnitsBySize[j][rank]);
                }
            }
        }

        return (order.ToArray(), baseCount);
    }
}
