using Orchestrator.Specs.Experiments;
using Orchestrator.Specs.Validation;
using Orchestrator.Specs.Values;

namespace Orchestrator.Specs;

/// <summary>
/// How a spec submitted under an existing sweep name relates to the stored one: identical, grown (only new grid
/// values), shrunk (grid values removed) or changed elsewhere. Cell ids are content hashes of the cell's definition,
/// so a grown grid's cells that the stored grid has keep their ids, results and attempts.
/// </summary>
/// <param name="Kind">The relation.</param>
/// <param name="Changes">
/// For <see cref="GrowthKind.Grown"/> and <see cref="GrowthKind.Changed"/>, the differing fields as
/// <see cref="SpecComparison.Differences"/> lists them; for <see cref="GrowthKind.Shrunk"/>, one line per axis that
/// loses values, e.g. <c>grid.seed: 2, 3</c>.
/// </param>
/// <param name="AddedCells">Cells the submitted grid has and the stored one lacks.</param>
/// <param name="RemovedCells">Cells the stored grid has and the submitted one lacks.</param>
public sealed record SpecGrowth(GrowthKind Kind, IReadOnlyList<string> Changes, int AddedCells, int RemovedCells)
{
    /// <summary>Compares <paramref name="submitted"/> with <paramref name="stored"/> (same name assumed).</summary>
    public static SpecGrowth Compare(SweepSpec stored, SweepSpec submitted)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(submitted);
        if (stored.Fingerprint == submitted.Fingerprint)
        {
            return new SpecGrowth(GrowthKind.Identical, [], 0, 0);
        }

        var differences = SpecComparison.FieldDifferences(stored, submitted);
        var lines = differences.Select(d => d.Line).ToList();
        // Per-optimizer settings are compared below: an optimizer new to the grid may bring its own.
        var outsideGrid = differences.Any(d =>
            !d.Path.StartsWith(SpecBuilder.GridKey + ".", StringComparison.Ordinal) &&
            !d.Path.StartsWith(SpecBuilder.OptimizersKey + ".", StringComparison.Ordinal));
        if (outsideGrid || !SameAxisNames(stored, submitted) || !StoredOverridesKept(stored, submitted))
        {
            return new SpecGrowth(GrowthKind.Changed, lines, 0, 0);
        }

        var before = Axes(stored);
        var after = Axes(submitted).ToDictionary(a => a.Name, a => a.Values.ToHashSet(), StringComparer.Ordinal);
        var removed = new List<string>();
        long kept = 1;
        foreach (var axis in before)
        {
            var remaining = after[axis.Name];
            var gone = axis.Values.Where(v => !remaining.Contains(v)).ToList();
            kept *= axis.Values.Count - gone.Count;
            if (gone.Count > 0)
            {
                removed.Add($"{SpecBuilder.GridKey}.{axis.Name}: {string.Join(", ", gone)}");
            }
        }

        var keptCells = (int)kept;
        return removed.Count > 0
            ? new SpecGrowth(GrowthKind.Shrunk, removed, submitted.CellCount - keptCells, stored.CellCount - keptCells)
            : new SpecGrowth(GrowthKind.Grown, lines, submitted.CellCount - keptCells, 0);
    }

    /// <summary>
    /// The cells of a sweep grown through <paramref name="generations"/> (the spec as first stored, then the spec after
    /// each growth) in the order it hands them out: each generation's new cells in its experiment's dispatch order,
    /// after every earlier generation's. A sweep's stored indices refer to this order, so growing appends and never
    /// moves a cell; with one generation it is the experiment's dispatch order of the spec's cells. With
    /// <paramref name="pilotFirst"/>, each generation's <see cref="PilotCells"/> come before its other new cells (sweeps
    /// stored before that order existed keep the order they were stored with).
    /// </summary>
    public static IReadOnlyList<CellDefinition> DispatchOrder(IEnumerable<SweepSpec> generations, bool pilotFirst = false)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var cells = new List<CellDefinition>();
        foreach (var spec in generations)
        {
            var module = ExperimentRegistry.Get(spec.Experiment);
            var added = module.DispatchOrder(spec.ExpandCells()).Where(c => seen.Add(c.Id)).ToList();
            cells.AddRange(pilotFirst ? PilotCells.First(added) : added);
        }

        return cells;
    }

    /// <summary>Every grid axis with its values: the four core axes, then the setting axes.</summary>
    internal static IReadOnlyList<SettingAxis> Axes(SweepSpec spec) =>
    [
        new(CoreAxes.OptimizerKey, spec.Optimizers.Select(SettingValue.FromText).ToList()),
        new(CoreAxes.SpectrumKey, spec.Spectra.Select(SettingValue.FromReal).ToList()),
        new(CoreAxes.SizeKey, spec.Sizes.Select(s => SettingValue.FromInteger(s)).ToList()),
        new(CoreAxes.SeedKey, spec.Seeds.Select(s => SettingValue.FromInteger(s)).ToList()),
        .. spec.Axes,
    ];

    private static bool SameAxisNames(SweepSpec stored, SweepSpec submitted) =>
        stored.Axes.Select(a => a.Name).Order(StringComparer.Ordinal)
            .SequenceEqual(submitted.Axes.Select(a => a.Name).Order(StringComparer.Ordinal));

    /// <summary>
    /// The own settings of every optimizer in both grids are unchanged (its cells stay the same cells); an optimizer
    /// that leaves the grid takes its settings with it, and that is reported as the values that would go.
    /// </summary>
    private static bool StoredOverridesKept(SweepSpec stored, SweepSpec submitted) =>
        stored.Optimizers.Intersect(submitted.Optimizers, StringComparer.Ordinal).All(optimizer =>
            Overrides(stored, optimizer).SequenceEqual(Overrides(submitted, optimizer)));

    private static IEnumerable<KeyValuePair<string, SettingValue>> Overrides(SweepSpec spec, string optimizer) =>
        spec.OptimizerOverrides.TryGetValue(optimizer, out var overrides) ? overrides : SettingMap.Empty;
}
