using Orchestrator.Specs.Yaml;
using static Orchestrator.Specs.Validation.NodeReader;
using static Orchestrator.Specs.Validation.SpecBuilder;

namespace Orchestrator.Specs.Validation;

/// <summary>Reads <c>settings</c>: fixed values, defaults for the rest, and required settings that are missing.</summary>
internal static class SettingsSection
{
    public static void ReadSettings(Dictionary<string, SpecNode> fields, SpecDraft draft, List<SpecError> errors)
    {
        if (draft.Experiment is null)
        {
            return;
        }

        var settings = fields.TryGetValue(SettingsKey, out var node)
            ? Fields(AsMapping(node, SettingsKey, errors), SettingsKey,
                draft.Experiment.Settings.Select(s => s.Name).ToArray(), errors)
            : [];

        foreach (var definition in draft.Experiment.Settings)
        {
            var path = $"{SettingsKey}.{definition.Name}";
            var isAxis = draft.Axes.ContainsKey(definition.Name);
            if (settings.TryGetValue(definition.Name, out var valueNode))
            {
                if (isAxis)
                {
                    errors.Add(new SpecError(path,
                        $"also given as the axis {GridKey}.{definition.Name}; a setting is either fixed or an axis, not both"));
                }
                else if (valueNode is SpecSequence)
                {
                    errors.Add(new SpecError(path,
                        $"must be a single value; to sweep it, move the list to {GridKey}.{definition.Name}"));
                }
                else if (ReadScalar(valueNode, path, definition.Read, errors) is { } value)
                {
                    draft.Settings[definition.Name] = new(value, path);
                }
            }
            else if (!isAxis)
            {
                if (definition.DefaultWhenReading(draft.ReadsCanonicalJson) is { } defaultValue)
                {
                    draft.Settings[definition.Name] = new(defaultValue, path, IsDefault: true);
                }
                else
                {
                    errors.Add(new SpecError(path, $"required (or sweep it as the axis {GridKey}.{definition.Name})"));
                }
            }
        }
    }
}
