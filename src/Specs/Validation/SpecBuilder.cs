using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Orchestrator.Specs.Experiments;
using Orchestrator.Specs.Values;
using Orchestrator.Specs.Yaml;

namespace Orchestrator.Specs.Validation;

/// <summary>
/// Turns a document tree into a <see cref="SweepSpec"/>, collecting every problem it finds (one error per problem,
/// each naming its field path) instead of stopping at the first.
/// </summary>
public static partial class SpecBuilder
{
    public const string NameKey = "name";
    public const string ExperimentKey = "experiment";
    public const string RetriesKey = "retries";
    public const string GridKey = "grid";
    public const string SettingsKey = "settings";
    public const string OptimizersKey = "optimizers";
    public const string FitKey = "fit";
    public const string BaselineKey = "baseline";
    public const string BootstrapKey = "bootstrap";
    public const int MaxNameLength = 64;

    private static readonly string[] TopLevelKeys =
        [NameKey, ExperimentKey, RetriesKey, GridKey, SettingsKey, OptimizersKey, FitKey];

    private static readonly string[] FitKeys = [BaselineKey, BootstrapKey];

    public static SweepSpec? Build(SpecNode root, SpecLimits limits, List<SpecError> errors)
    {
        var errorsBefore = errors.Count;
        if (root is not SpecMapping top)
        {
            errors.Add(new SpecError("(spec)", $"must be a mapping of keys (name, experiment, grid, ...) to values, got {root.Describe()}"));
            return null;
        }

        var fields = Fields(top, "", TopLevelKeys, errors);
        var draft = new SpecDraft
        {
            Name = ReadName(fields, errors),
            Experiment = ReadExperiment(fields, errors),
        };

        if (fields.TryGetValue(RetriesKey, out var retries))
        {
            var value = ReadScalar(retries, RetriesKey, ScalarReaders.Integer(0, SweepSpec.MaxRetries), errors);
            draft.Retries = value is null ? SweepSpec.DefaultRetries : (int)value.Integer;
        }

        ReadGrid(fields, draft, limits, errors);
        ReadSettings(fields, draft, errors);
        ReadOverrides(fields, draft, errors);
        ReadFit(fields, draft, errors);
        draft.Experiment?.Validate(draft, errors);
        CheckCellCount(draft, limits, errors);

        return errors.Count == errorsBefore ? new SweepSpec(draft) : null;
    }

    private static string? ReadName(Dictionary<string, SpecNode> fields, List<SpecError> errors)
    {
        if (!fields.TryGetValue(NameKey, out var node))
        {
            errors.Add(new SpecError(NameKey, "required: the sweep id (letters, digits, '-', '_')"));
            return null;
        }

        var name = ReadText(node, NameKey, errors);
        if (name is not null && !NamePattern().IsMatch(name))
        {
            errors.Add(new SpecError(NameKey,
                $"must be 1 to {MaxNameLength} characters of letters, digits, '-' or '_', got '{Shorten(name)}'"));
            return null;
        }

        return name;
    }

    private static IExperimentDefinition? ReadExperiment(Dictionary<string, SpecNode> fields, List<SpecError> errors)
    {
        var known = string.Join(", ", ExperimentRegistry.Names);
        if (!fields.TryGetValue(ExperimentKey, out var node))
        {
            errors.Add(new SpecError(ExperimentKey, $"required; known: {known}"));
            return null;
        }

        var name = ReadText(node, ExperimentKey, errors);
        if (name is null)
        {
            return null;
        }

        var experiment = ExperimentRegistry.Find(name);
        if (experiment is null)
        {
            errors.Add(new SpecError(ExperimentKey, $"unknown experiment '{Shorten(name)}'; known: {known}"));
        }

        return experiment;
    }

    private static void ReadGrid(Dictionary<string, SpecNode> fields, SpecDraft draft, SpecLimits limits,
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

        draft.Optimizers.AddRange(ReadCoreAxis(grid, CoreAxes.OptimizerKey, CoreAxes.Optimizer, limits, errors)
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

    /// <summary>
    /// The valid, distinct values of a list (all of them when the list is fine); each problem is reported. A list that
    /// is empty, too long or not a list gives no values.
    /// </summary>
    private static List<Located<SettingValue>> ReadAxis(SpecNode node, string path, Func<string, ScalarOutcome> read,
        SpecLimits limits, List<SpecError> errors)
    {
        if (node is not SpecSequence sequence)
        {
            errors.Add(new SpecError(path, $"must be a list, e.g. [a, b], got {node.Describe()}"));
            return [];
        }

        if (sequence.Items.Count == 0)
        {
            errors.Add(new SpecError(path, "must not be empty"));
            return [];
        }

        if (sequence.Items.Count > limits.MaxAxisLength)
        {
            errors.Add(new SpecError(path,
                $"has {sequence.Items.Count} values; the limit is {limits.MaxAxisLength} per axis"));
            return [];
        }

        var values = new List<Located<SettingValue>>(sequence.Items.Count);
        var firstPathOf = new Dictionary<SettingValue, string>();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (ReadScalar(sequence.Items[i], itemPath, read, errors) is not { } value)
            {
                continue;
            }

            if (!firstPathOf.TryAdd(value, itemPath))
            {
                errors.Add(new SpecError(itemPath, $"duplicate value {value} (also at {firstPathOf[value]})"));
                continue;
            }

            values.Add(new(value, itemPath));
        }

        return values;
    }

    private static void ReadSettings(Dictionary<string, SpecNode> fields, SpecDraft draft, List<SpecError> errors)
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
                if (definition.Default is { } defaultValue)
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

    private static void ReadOverrides(Dictionary<string, SpecNode> fields, SpecDraft draft, List<SpecError> errors)
    {
        if (!fields.TryGetValue(OptimizersKey, out var node) || draft.Experiment is null)
        {
            return;
        }

        var inGrid = draft.Optimizers.Select(o => o.Value).ToArray();
        var settingNames = draft.Experiment.Settings.Select(s => s.Name).ToArray();
        foreach (var (optimizer, overridesNode) in AsMapping(node, OptimizersKey, errors)?.Entries ?? [])
        {
            var optimizerPath = $"{OptimizersKey}.{Shorten(optimizer)}";
            if (CoreAxes.Optimizer(optimizer).Error is { } unknown)
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
                else if (ReadScalar(valueNode, path, definition.Read, errors) is { } value)
                {
                    overrides[definition.Name] = new(value, path);
                }
            }

            draft.Overrides[optimizer] = overrides;
        }
    }

    private static void ReadFit(Dictionary<string, SpecNode> fields, SpecDraft draft, List<SpecError> errors)
    {
        var fit = fields.TryGetValue(FitKey, out var node)
            ? Fields(AsMapping(node, FitKey, errors), FitKey, FitKeys, errors)
            : [];

        var bootstrap = FitSettings.DefaultBootstrap;
        if (fit.TryGetValue(BootstrapKey, out var bootstrapNode))
        {
            var read = ScalarReaders.Integer(FitSettings.MinBootstrap, FitSettings.MaxBootstrap);
            bootstrap = ReadScalar(bootstrapNode, $"{FitKey}.{BootstrapKey}", read, errors) is { } value
                ? (int)value.Integer
                : bootstrap;
        }

        var optimizers = draft.Optimizers.Select(o => o.Value).ToArray();
        string? baseline;
        if (fit.TryGetValue(BaselineKey, out var baselineNode))
        {
            baseline = ReadText(baselineNode, $"{FitKey}.{BaselineKey}", errors);
            if (baseline is not null && optimizers.Length > 0 && !optimizers.Contains(baseline))
            {
                errors.Add(new SpecError($"{FitKey}.{BaselineKey}",
                    $"'{Shorten(baseline)}' is not in {GridKey}.{CoreAxes.OptimizerKey} ({string.Join(", ", optimizers)})"));
            }
        }
        else
        {
            baseline = optimizers.Contains("gd") ? "gd" : optimizers.FirstOrDefault();
        }

        draft.Fit = baseline is null ? null : new FitSettings(baseline, bootstrap);
    }

    private static void CheckCellCount(SpecDraft draft, SpecLimits limits, List<SpecError> errors)
    {
        var counts = new[] { draft.Optimizers.Count, draft.Spectra.Count, draft.Sizes.Count, draft.Seeds.Count }
            .Concat(draft.Axes.Values.Select(a => a.Count))
            .ToArray();
        var cells = counts.Aggregate(BigInteger.One, (product, count) => product * count);
        if (cells > limits.MaxCells)
        {
            var factors = string.Join(" × ", counts.Select(c => c.ToString(CultureInfo.InvariantCulture)));
            errors.Add(new SpecError(GridKey,
                $"expands to {factors} = {cells.ToString(CultureInfo.InvariantCulture)} cells; the limit is {limits.MaxCells.ToString(CultureInfo.InvariantCulture)}"));
        }
    }

    /// <summary>
    /// The entries of a mapping by key; reports keys outside <paramref name="allowed"/> (null: any key allowed).
    /// </summary>
    private static Dictionary<string, SpecNode> Fields(SpecMapping? mapping, string path, IReadOnlyList<string>? allowed,
        List<SpecError> errors)
    {
        var fields = new Dictionary<string, SpecNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping?.Entries ?? [])
        {
            if (allowed is not null && !allowed.Contains(key))
            {
                var keyPath = path.Length == 0 ? Shorten(key) : $"{path}.{Shorten(key)}";
                errors.Add(new SpecError(keyPath, $"unknown key; expected one of {string.Join(", ", allowed)}"));
                continue;
            }

            fields[key] = value;
        }

        return fields;
    }

    /// <summary>A mapping, or null with an error; YAML null (an empty section) reads as an empty mapping.</summary>
    private static SpecMapping? AsMapping(SpecNode node, string path, List<SpecError> errors)
    {
        switch (node)
        {
            case SpecMapping mapping:
                return mapping;
            case SpecScalar { IsNull: true }:
                return new SpecMapping([], node.Line, node.Column);
            default:
                errors.Add(new SpecError(path, $"must be a mapping of keys to values, got {node.Describe()}"));
                return null;
        }
    }

    private static string? ReadText(SpecNode node, string path, List<SpecError> errors)
    {
        switch (node)
        {
            case SpecScalar { IsNull: false } scalar:
                return scalar.Text;
            case SpecScalar:
                errors.Add(new SpecError(path, "a value is required"));
                return null;
            default:
                errors.Add(new SpecError(path, $"must be a single value, got {node.Describe()}"));
                return null;
        }
    }

    private static SettingValue? ReadScalar(SpecNode node, string path, Func<string, ScalarOutcome> read,
        List<SpecError> errors)
    {
        var text = ReadText(node, path, errors);
        if (text is null)
        {
            return null;
        }

        var outcome = read(text);
        if (outcome.Error is { } error)
        {
            errors.Add(new SpecError(path, Shorten(error)));
        }

        return outcome.Value;
    }

    // Messages quote user input; keep a pasted megabyte from becoming a megabyte of stderr.
    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();
}
