using System.Text.Json;
using Orchestrator.Specs.Experiments;
using Orchestrator.Specs.Values;
using Orchestrator.Specs.Yaml;

namespace Orchestrator.Specs.Validation;

/// <summary>
/// Reads a cell's canonical JSON back, checking every field with the same readers a spec uses, so a stored cell that
/// no longer validates (e.g. a removed setting) is refused rather than silently defaulted.
/// </summary>
internal static class CellJsonReader
{
    private static readonly string[] Keys = ["experiment", "optimizer", "spectrum", "size", "seed", "settings"];

    public static CellDefinition Read(string json)
    {
        SpecNode root;
        try
        {
            root = JsonTreeReader.Read(json, maxDepth: 4);
        }
        catch (JsonException e)
        {
            throw new FormatException($"cell JSON is malformed: {e.Message}", e);
        }

        if (root is not SpecMapping mapping)
        {
            throw new FormatException("cell JSON must be an object");
        }

        var fields = mapping.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        foreach (var key in fields.Keys.Where(k => !Keys.Contains(k)))
        {
            throw new FormatException($"cell JSON has an unknown key '{key}'");
        }

        var experimentName = Text(fields, "experiment");
        var experiment = ExperimentRegistry.Find(experimentName)
            ?? throw new FormatException($"cell JSON names unknown experiment '{experimentName}'");
        var optimizer = Text(fields, "optimizer");
        if (experiment.ReadOptimizer(optimizer).Error is not null)
        {
            throw new FormatException($"cell JSON names optimizer '{optimizer}', unknown to experiment '{experiment.Name}'");
        }

        var spectrum = Value(fields, "spectrum", CoreAxes.Spectrum).Real;
        var size = (int)Value(fields, "size", CoreAxes.Size).Integer;
        var seed = (int)Value(fields, "seed", CoreAxes.Seed).Integer;

        if (!fields.TryGetValue("settings", out var settingsNode) || settingsNode is not SpecMapping settingsMapping)
        {
            throw new FormatException("cell JSON: 'settings' must be an object");
        }

        var given = settingsMapping.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var settings = new Dictionary<string, SettingValue>(StringComparer.Ordinal);
        foreach (var definition in experiment.Settings)
        {
            settings[definition.Name] = definition.AbsentValue is { } absent && !given.ContainsKey(definition.Name)
                ? absent
                : Value(given, definition.Name, definition.Read, "settings.");
        }

        foreach (var key in given.Keys.Where(k => !settings.ContainsKey(k)))
        {
            throw new FormatException($"cell JSON: unknown setting 'settings.{key}'");
        }

        return new CellDefinition(experiment.Name, optimizer, spectrum, size, seed, SettingMap.From(settings));
    }

    private static string Text(Dictionary<string, SpecNode> fields, string key) =>
        fields.TryGetValue(key, out var node) && node is SpecScalar { IsNull: false } scalar
            ? scalar.Text
            : throw new FormatException($"cell JSON: '{key}' is missing or not a value");

    private static SettingValue Value(Dictionary<string, SpecNode> fields, string key,
        Func<string, ScalarOutcome> read, string prefix = "")
    {
        var outcome = read(Text(fields, key));
        return outcome.Value ?? throw new FormatException($"cell JSON: {prefix}{key}: {outcome.Error}");
    }
}
