using Orchestrator.Specs.Values;
using Orchestrator.Specs.Yaml;
using static Orchestrator.Specs.Validation.NodeReader;
using static Orchestrator.Specs.Validation.SpecBuilder;

namespace Orchestrator.Specs.Validation;

/// <summary>
/// Reads <c>optimizers</c>: per-optimizer replacements of fixed settings. A list instead of a value makes the setting an
/// axis of that optimizer's cells only.
/// </summary>
internal static class OverridesSection
{
    public static void ReadOverrides(Dictionary<string, SpecNode> fields, SpecDraft draft, SpecLimits limits,
        List<SpecError> errors)
    {
        if (!fields.TryGetValue(OptimizersKey, out var node) || draft.Experiment is null)
        {
            return;
        }

        var inGrid = draft.Optimizers.Select(o => o.Value).ToArray();
        var settingNames = draft.Experiment.Settings.Select(s => s.Name).ToArray();
        foreach (var (optimizer, overridesNode) in AsMapping(node, OptimizersKey, errors)?.Entries ?? [])
        {
            var optimizerPath = $"{OptimizersKey}.{PathKey(optimizer)}";
            if (CoreAxes.OptimizerOf(draft.Experiment)(optimizer).Error is { } unknown)
            {
                errors.Add(new SpecError(optimizerPath, Shorten(unknown)));
                continue;
            }

            if (!inGrid.Contains(optimizer))
            {
                errors.Add(new SpecError(optimizerPath,
                    $"optimizer '{optimizer}' is not in {GridKey}.{CoreAxes.OptimizerKey} ({string.Join(", ", inGrid)})"));
                continue;
            }

            var overrides = new SortedDictionary<string, Located<SettingValue>>(StringComparer.Ordinal);
            var axes = new SortedDictionary<string, List<Located<SettingValue>>>(StringComparer.Ordinal);
            var given = Fields(AsMapping(overridesNode, optimizerPath, errors), optimizerPath, settingNames, errors);
            foreach (var definition in draft.Experiment.Settings)
            {
                if (!given.TryGetValue(definition.Name, out var valueNode))
                {
                    continue;
                }

                var path = $"{optimizerPath}.{definition.Name}";
                if (draft.Axes.ContainsKey(definition.Name))
                {
                    errors.Add(new SpecError(path,
                        $"{definition.Name} is the axis {GridKey}.{definition.Name}; only fixed settings can be set per optimizer"));
                }
                else if (valueNode is SpecSequence)
                {
                    axes[definition.Name] = ReadAxis(valueNode, path, definition.Read, limits, errors);
                }
                else if (ReadScalar(valueNode, path, definition.Read, errors) is { } value)
                {
                    overrides[definition.Name] = new(value, path);
                }
            }

            draft.Overrides[optimizer] = overrides;
            if (axes.Count > 0)
            {
                draft.OptimizerAxes[optimizer] = axes;
            }
        }
    }
}
