namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Draws cluster-bootstrap resamples: in resample b, at each size of the universe, as many seeds as the universe has
/// at that size are drawn with replacement from the generator stream of (bootstrap seed, b, size). A series then
/// contributes, at each size, the mean log loss over the drawn seeds it has (weight = how many it has). A series'
/// own bootstrap uses its own seeds as the universe; a paired comparison uses the union over the compared series,
/// so every optimizer sees the same drawn seeds — the same problems. When a series has every seed of the universe,
/// both give the same draws.
/// <para>
/// Rescaled (the default), every drawn log loss y of a series at a size is moved away from the series' own mean ȳ
/// there by the factor √(G/(G−1)), G the universe's seed count at that size: ȳ + √(G/(G−1))·(y − ȳ), so the resampled
/// mean is ȳ + √(G/(G−1))·(ȳ* − ȳ). This is the Rao–Wu rescaling bootstrap with G of G drawn per stratum (Rao and Wu
/// 1988; sizes are the strata, seeds the clusters). Drawing G of G with replacement gives the mean a variance of
/// (G−1)/G times the unbiased s²/G; the factor removes that shrinkage, which matters at 3–5 seeds (the plain
/// bootstrap's spread is then 82–89% of the right one). <see cref="DrawCounts"/> only counts draws: the size × time
/// law, which moves whole loss curves with it, rescales its resampled points itself (<see cref="SizeTimeData"/>).
/// </para>
/// </summary>
internal sealed class ClusterResampler : IResampleSource
{
    private readonly ulong _seed;
    private readonly bool _rescaled;
    private readonly double[] _scale;

    private ClusterResampler(int[] sizes, int[][] seeds, ulong seed, bool rescaled)
    {
        Sizes = sizes;
        Seeds = seeds;
        _seed = seed;
        _rescaled = rescaled;
        _scale = seeds.Select(s => rescaled && s.Length > 1 ? Math.Sqrt(s.Length / (s.Length - 1.0)) : 1.0).ToArray();
    }

    /// <summary>Universe sizes, ascending.</summary>
    public int[] Sizes { get; }

    /// <summary>Universe seeds per size, ascending.</summary>
    public int[][] Seeds { get; }

    /// <summary>
    /// True when <paramref name="other"/> draws what this one draws for every series: the same sizes, seeds, bootstrap
    /// seed and rescaling. The same seeds drawn from a series' own universe and from a union equal to it give the same
    /// resamples.
    /// </summary>
    public bool SameDraws(ClusterResampler other) =>
        _seed == other._seed
        && _rescaled == other._rescaled
        && Sizes.AsSpan().SequenceEqual(other.Sizes)
        && Seeds.Length == other.Seeds.Length
        && Seeds.Zip(other.Seeds).All(p => p.First.AsSpan().SequenceEqual(p.Second));

    /// <summary>True when some size has more than one seed, i.e. resamples can differ from the data.</summary>
    public bool CanVary => Seeds.Any(s => s.Length > 1);

    /// <summary>Universe seed count per size.</summary>
    public int[] SeedCounts => Seeds.Select(s => s.Length).ToArray();

    /// <summary>
    /// Σ over sizes of (seeds − 1): the degrees of freedom of all the within-size scatter the resamples vary by, the
    /// most a bootstrap interval can rest on (<see cref="BootstrapInterval"/>).
    /// </summary>
    public int DegreesOfFreedom => Seeds.Sum(s => s.Length - 1);

    /// <param name="series">The series, whose own seeds are the universe.</param>
    /// <param name="seed">The bootstrap seed.</param>
    /// <param name="rescaled">False gives the plain cluster bootstrap, whose spread is too small at few seeds.</param>
    public static ClusterResampler ForSeries(SeriesData series, ulong seed, bool rescaled = true) =>
        new(series.Groups.Select(g => g.Size).ToArray(), series.Groups.Select(g => g.Seeds).ToArray(), seed, rescaled);

    /// <summary>A universe given directly: sizes ascending, and each size's seeds ascending and distinct.</summary>
    public static ClusterResampler ForUniverse(int[] sizes, int[][] seeds, ulong seed) => new(sizes, seeds, seed, rescaled: true);

    /// <param name="series">The compared series; the universe at each size is the union of their seeds.</param>
    /// <param name="seed">The bootstrap seed.</param>
    /// <param name="rescaled">False gives the plain cluster bootstrap, whose spread is too small at few seeds.</param>
    public static ClusterResampler ForUnion(IEnumerable<SeriesData> series, ulong seed, bool rescaled = true)
    {
        var union = new SortedDictionary<int, SortedSet<int>>();
        foreach (var group in series.SelectMany(s => s.Groups))
        {
            if (!union.TryGetValue(group.Size, out var seeds))
            {
                union[group.Size] = seeds = [];
            }

            seeds.UnionWith(group.Seeds);
        }

        return new ClusterResampler(union.Keys.ToArray(), union.Values.Select(s => s.ToArray()).ToArray(), seed, rescaled);
    }

    /// <summary>
    /// Fills, per universe size, the resampled mean log loss of <paramref name="series"/> and its weight (0 where
    /// the series has none of the drawn seeds). <paramref name="groupAt"/> maps universe sizes to the series' groups.
    /// </summary>
    public void Resample(SizeGroup?[] groupAt, int resample, Span<double> means, Span<double> weights)
    {
        int most = Seeds.Length == 0 ? 0 : Seeds.Max(s => s.Length);
        Span<double> drawn = most <= 256 ? stackalloc double[most] : new double[most];
        for (int j = 0; j < Sizes.Length; j++)
        {
            means[j] = 0;
            weights[j] = 0;
            int count = groupAt[j] is { } group ? Draw(group, j, resample, drawn) : 0;
            if (count > 0)
            {
                double sum = 0;
                for (int k = 0; k < count; k++)
                {
                    sum += drawn[k];
                }

                means[j] = sum / count;
                weights[j] = count;
            }
        }
    }

    /// <summary>
    /// The same draws as <see cref="Resample"/>, cell by cell: at each universe size, the log losses of the drawn
    /// seeds the series has, a seed drawn twice appearing twice. <paramref name="cells"/> has the universe's sizes.
    /// </summary>
    public void ResampleCells(SizeGroup?[] groupAt, int resample, SizeCells cells)
    {
        for (int j = 0; j < Sizes.Length; j++)
        {
            cells.Counts[j] = groupAt[j] is { } group ? Draw(group, j, resample, cells.LogLosses[j]) : 0;
        }
    }

    /// <summary>Empty cells at the universe's sizes, with room for one draw per universe seed at each size.</summary>
    public SizeCells CellBuffers() => new(Sizes.Select(s => Math.Log(s)).ToArray(), Seeds.Select(s => s.Length).ToArray());

    /// <summary>The series' own cells, once each, at the universe's sizes (<paramref name="groupAt"/> from <see cref="Align"/>).</summary>
    public SizeCells OwnCells(SizeGroup?[] groupAt)
    {
        var cells = CellBuffers();
        for (int j = 0; j < Sizes.Length; j++)
        {
            if (groupAt[j] is { } group)
            {
                group.LogLosses.CopyTo(cells.LogLosses[j], 0);
                cells.Counts[j] = group.Count;
            }
        }

        return cells;
    }

    /// <summary>
    /// How often resample <paramref name="resample"/> draws each seed of universe size <paramref name="sizeIndex"/>
    /// (aligned with <see cref="Seeds"/>): the same draws as <see cref="Resample"/>, for data that move as whole
    /// clusters (a seed's loss curve rather than its one loss).
    /// </summary>
    public void DrawCounts(int resample, int sizeIndex, Span<int> counts)
    {
        var universe = Seeds[sizeIndex];
        counts[..universe.Length].Clear();
        var rng = SplitMix64.ForCell(_seed, resample, Sizes[sizeIndex]);
        for (int k = 0; k < universe.Length; k++)
        {
            counts[rng.NextInt(universe.Length)]++;
        }
    }

    /// <summary>
    /// Draws as many seeds as the universe has at size <paramref name="j"/>, from the stream of (seed, resample,
    /// size), and writes the log losses of those <paramref name="group"/> has to <paramref name="drawn"/>, in draw
    /// order, rescaled about the group's mean; returns how many it wrote.
    /// </summary>
    private int Draw(SizeGroup group, int j, int resample, Span<double> drawn)
    {
        var universe = Seeds[j];
        var rng = SplitMix64.ForCell(_seed, resample, Sizes[j]);
        int count = 0;
        bool own = ReferenceEquals(universe, group.Seeds);
        for (int k = 0; k < universe.Length; k++)
        {
            int index = rng.NextInt(universe.Length);
            if (own)
            {
                drawn[count++] = group.LogLosses[index];
            }
            else if (group.TryGetLogLoss(universe[index], out double y))
            {
                drawn[count++] = y;
            }
        }

        if (_scale[j] != 1.0 && count > 0)
        {
            double center = group.MeanLogLoss();
            for (int k = 0; k < count; k++)
            {
                drawn[k] = center + _scale[j] * (drawn[k] - center);
            }
        }

        return count;
    }

    /// <summary>The series' group at each universe size (null where it has none).</summary>
    public SizeGroup?[] Align(SeriesData series)
    {
        var bySize = series.Groups.ToDictionary(g => g.Size);
        return Sizes.Select(size => bySize.GetValueOrDefault(size)).ToArray();
    }
}
