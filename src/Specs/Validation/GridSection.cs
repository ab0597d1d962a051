using System.Globalization;
using System.Numerics;
using Orchestrator.Specs.Values;
using Orchestrator.Specs.Yaml;
using static Orchestrator.Specs.Validation.NodeReader;
using static Orchestrator.Specs.Validation.SpecBuilder;

namespace Orchestrator.Specs.Validation;

/// <summary>Reads <c>grid</c>: the four core axes and any setting axes, and bounds the number of cells.</summary>
internal static class GridSection
{
    public static void ReadGrid(Dictionary<string, SpecNode> fields, SpecDraft draft, SpecLimits limits,
        List<SpecError> errors)
    {
        if (!fields.TryGetValue(GridKey, out var node))
        {
            errors.Add(new SpecError(GridKey, $"required: a mapping with the axes {string.Join(", ", CoreAxes.Keys)}"));
            return;
        }

        // With an unknown experiment its setting axes cannot be checked; only the core axes are.
        var settingNames = draft.Experiment?.Settings.Select(s => s.Name).ToArray();
        var allowed = settingNames is null ? null : CoreAxes.Keys.Concat(settingNames).ToArray();
        var grid = Fields(AsMapping(node, GridKey, errors), GridKey, allowed, errors);

        draft.Optimizers.AddRange(ReadCoreAxis(grid, CoreAxes.OptimizerKey, CoreAxes.OptimizerOf(draft.Experiment), limits, errors)
            .Select(v => new Located<string>(v.Value.Text, v.Path)));
        draft.Spectra.AddRange(ReadCoreAxis(grid, CoreAxes.SpectrumKey, CoreAxes.Spectrum, limits, errors)
            .Select(v => new Located<double>(v.Value.Real, v.Path)));
        draft.Sizes.AddRange(ReadCoreAxis(grid, CoreAxes.SizeKey, CoreAxes.Size, limits, errors)
            .Select(v => new Located<int>((int)v.Value.Integer, v.Path)));
        draft.Seeds.AddRange(ReadCoreAxis(grid, CoreAxes.SeedKey, CoreAxes.Seed, limits, errors)
            .Select(v => new Located<int>((int)v.Value.Integer, v.Path)));

        foreach (var definition in draft.Experiment?.Settings ?? [])
        {
            if (grid.TryGetValue(definition.Name, out var axisNode))
            {
                // Kept even when invalid (possibly empty): it was given, so "required" would be a wrong message.
                draft.Axes[definition.Name] =
                    ReadAxis(axisNode, $"{GridKey}.{definition.Name}", definition.Read, limits, errors);
            }
        }
    }

    private static List<Located<SettingValue>> ReadCoreAxis(Dictionary<string, SpecNode> grid, string key,
        Func<string, ScalarOutcome> read, SpecLimits limits, List<SpecError> errors)
    {
        if (!grid.TryGetValue(key, out var node))
        {
            errors.Add(new SpecError($"{GridKey}.{key}", "required: a list of values"));
            return [];
        }

        return ReadAxis(node, $"{GridKey}.{key}", read, limits, errors);
    }

    public static void CheckCellCount(SpecDraft draft, SpecLimits limits, List<SpecError> errors)
    {
        var counts = new[] { draft.Optimizers.Count, draft.Spectra.Count, draft.Sizes.Count, draft.Seeds.Count }
            .Concat(draft.Axes.Values.Select(a => a.Count))
            .ToArray();
        var cells = counts.Aggregate(BigInteger.One, (product, count) => product * count);
        if (draft.OptimizerAxes.Count > 0 && draft.Optimizers.Count > 0)
        {
            // Each optimizer's cells are multiplied by its own axes as well: a sum over optimizers, not one product.
            var perOptimizer = cells / draft.Optimizers.Count;
            cells = draft.Optimizers.Aggregate(BigInteger.Zero, (sum, optimizer) => sum + perOptimizer *
                (draft.OptimizerAxes.TryGetValue(optimizer.Value, out var axes)
                    ? axes.Values.Aggregate(BigInteger.One, (product, axis) => product * axis.Count)
                    : BigInteger.One));
            if (cells > limits.MaxCells)
            {
                errors.Add(new SpecError(GridKey,
                    $"expands to {cells.ToString(CultureInfo.InvariantCulture)} cells (with the per-optimizer axes under {OptimizersKey}); " +
                    $"the limit is {limits.MaxCells.ToString(CultureInfo.InvariantCulture)}"));
            }

            return;
        }

        if (cells > limits.MaxCells)
        {
            var factors = string.Join(" × ", counts.Select(c => c.ToString(CultureInfo.InvariantCulture)));
            errors.Add(new SpecError(GridKey,
                $"expands to {factors} = {cells.ToString(CultureInfo.InvariantCulture)} cells; the limit is {limits.MaxCells.ToString(CultureInfo.InvariantCulture)}"));
        }
    }
}
