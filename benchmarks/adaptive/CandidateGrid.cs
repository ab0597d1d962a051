using Orchestrator.Numerics.Design;

namespace Orchestrator.AdaptiveBenchmark;

/// <summary>
/// The candidate units of one replicate: every series × size × seed, one cell each, numbered as a sweep numbers them
/// (cells in the default dispatch order: largest size first, then spectrum, then seed, optimizers in grid order). A
/// unit's <see cref="DesignUnit.Seed"/> is its seed's rank in <see cref="Seeds"/>, so the policies' "lowest seed
/// first" follows the replicate's own seed order; <see cref="SeedOf"/> gives the seed the cell really ran with.
/// </summary>
internal sealed class CandidateGrid
{
    public CandidateGrid(IReadOnlyList<SeriesKey> series, IReadOnlyList<int> sizes, IReadOnlyList<int> seeds)
    {
        Series = series;
        Sizes = sizes;
        Seeds = seeds;
        var units = new List<DesignUnit>();
        foreach (int size in sizes.OrderDescending())
        {
            foreach (double spectrum in series.Select(s => s.Spectrum).Distinct().Order())
            {
                for (int rank = 0; rank < seeds.Count; rank++)
                {
                    foreach (var s in series.Where(s => s.Spectrum == spectrum))
                    {
                        units.Add(new DesignUnit(units.Count, s.Optimizer, spectrum, size, rank, [units.Count]));
                    }
                }
            }
        }

        Units = units;
    }

    public IReadOnlyList<SeriesKey> Series { get; }

    public IReadOnlyList<int> Sizes { get; }

    /// <summary>The replicate's seeds, in rank order.</summary>
    public IReadOnlyList<int> Seeds { get; }

    public IReadOnlyList<DesignUnit> Units { get; }

    public int SeedOf(DesignUnit unit) => Seeds[unit.Seed];

    /// <summary>The same grid with only the first <paramref name="count"/> seeds.</summary>
    public CandidateGrid WithSeeds(int count) => new(Series, Sizes, Seeds.Take(count).ToArray());
}
