namespace Orchestrator.Specs;

/// <summary>
/// The cheap cells that let every series be fitted early: for each series (optimizer, spectrum), its cells at its
/// <see cref="Sizes"/> smallest sizes and its smallest seed (every cell of those, whatever the other axes). A sweep
/// hands them out before the rest, so the first exponents appear within seconds of the start, while the rest still
/// go largest first.
/// </summary>
public static class PilotCells
{
    /// <summary>Sizes per series in the pilot: the fewest a power law's interval needs.</summary>
    public const int Sizes = 3;

    /// <summary>
    /// <paramref name="ordered"/> with its pilot cells moved to the front; both parts keep their order. A pure
    /// function of the cells, as a dispatch order must be.
    /// </summary>
    public static IReadOnlyList<CellDefinition> First(IReadOnlyList<CellDefinition> ordered)
    {
        var pilot = ordered
            .GroupBy(c => (c.Optimizer, c.Spectrum))
            .SelectMany(series =>
            {
                var seed = series.Min(c => c.Seed);
                var sizes = series.Select(c => c.Size).Distinct().Order().Take(Sizes).ToHashSet();
                return series.Where(c => c.Seed == seed && sizes.Contains(c.Size));
            })
            .Select(c => c.Id)
            .ToHashSet(StringComparer.Ordinal);
        return [.. ordered.Where(c => pilot.Contains(c.Id)), .. ordered.Where(c => !pilot.Contains(c.Id))];
    }
}
