using System.Text.Json;
using Orchestrator.Specs.Canonical;
using Orchestrator.Specs.Experiments;
using Orchestrator.Specs.Validation;
using Orchestrator.Specs.Values;
using Orchestrator.Specs.Yaml;

namespace Orchestrator.Specs;

/// <summary>
/// A validated sweep: the grid axes, the fixed settings with every default filled in, per-optimizer overrides and
/// the fit settings. Only <see cref="SpecParser"/> and <see cref="FromCanonicalJson"/> create one, so every instance
/// is valid. Two specs are equal when their <see cref="CanonicalJson"/> is.
/// </summary>
public sealed record SweepSpec
{
    public const int DefaultRetries = 3;
    public const int MaxRetries = 100;

    /// <summary>Longest <c>cell_timeout</c>, in seconds (30 days).</summary>
    public const long MaxCellTimeoutSeconds = 30 * 86400;

    /// <summary>How long one attempt of a cell may run when the spec does not say.</summary>
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromHours(24);

    internal SweepSpec(SpecDraft draft)
    {
        Name = draft.Name!;
        Experiment = draft.Experiment!.Name;
        Retries = draft.Retries;
        CellTimeout = draft.CellTimeout;
        Fit = draft.Fit!;
        Adaptive = draft.Adaptive;
        Optimizers = draft.Optimizers.Select(o => o.Value).ToArray();
        Spectra = draft.Spectra.Select(s => s.Value).ToArray();
        Sizes = draft.Sizes.Select(s => s.Value).ToArray();
        Seeds = draft.Seeds.Select(s => s.Value).ToArray();
        Settings = SettingMap.From(draft.Settings.Select(s => KeyValuePair.Create(s.Key, s.Value.Value)));
        Axes = draft.Axes.Select(a => new SettingAxis(a.Key, a.Value.Select(v => v.Value).ToArray())).ToArray();
        OptimizerOverrides = new SortedDictionary<string, SettingMap>(
            draft.Overrides.Where(o => o.Value.Count > 0).ToDictionary(
                o => o.Key,
                o => SettingMap.From(o.Value.Select(s => KeyValuePair.Create(s.Key, s.Value.Value)))),
            StringComparer.Ordinal);
        OptimizerAxes = new SortedDictionary<string, IReadOnlyList<SettingAxis>>(
            draft.OptimizerAxes.ToDictionary(
                o => o.Key,
                o => (IReadOnlyList<SettingAxis>)o.Value.Select(a => new SettingAxis(a.Key, a.Value.Select(v => v.Value).ToArray())).ToArray()),
            StringComparer.Ordinal);
        CellCount = checked(Optimizers.Sum(o => AxesOf(o).Aggregate(Spectra.Count * Sizes.Count * Seeds.Count,
            (product, axis) => product * axis.Values.Count)));
        (CanonicalJson, Fingerprint) = Canonical.CanonicalJson.WriteAndHash(WriteTo);
    }

    /// <summary>The sweep id: 1 to 64 letters, digits, '-' or '_'.</summary>
    public string Name { get; }
    public string Experiment { get; }

    /// <summary>How many times a failed cell is retried (0 = never).</summary>
    public int Retries { get; }

    /// <summary>
    /// How long one attempt of a cell may run before its kernel is cancelled and the attempt fails (spec key
    /// <c>cell_timeout</c>). Not part of a cell's id: it bounds how a cell runs, not what it computes.
    /// </summary>
    public TimeSpan CellTimeout { get; }
    public FitSettings Fit { get; }

    /// <summary>The <c>adaptive</c> section; null for a sweep that runs its whole grid.</summary>
    public AdaptiveSettings? Adaptive { get; }
    public IReadOnlyList<string> Optimizers { get; }
    public IReadOnlyList<double> Spectra { get; }
    public IReadOnlyList<int> Sizes { get; }
    public IReadOnlyList<int> Seeds { get; }

    /// <summary>Settings fixed for every cell (before per-optimizer overrides), defaults included, in key order.</summary>
    public SettingMap Settings { get; }

    /// <summary>Settings swept as grid axes, in key order (the order they vary in, after the four core axes).</summary>
    public IReadOnlyList<SettingAxis> Axes { get; }

    /// <summary>Per-optimizer replacements of fixed settings (spec section <c>optimizers</c>), in key order.</summary>
    public IReadOnlyDictionary<string, SettingMap> OptimizerOverrides { get; }

    /// <summary>
    /// Per-optimizer setting axes (a list under <c>optimizers.O.X</c>): they vary only in that optimizer's cells, whose
    /// other optimizers keep the fixed value of X. Empty unless the spec has one.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SettingAxis>> OptimizerAxes { get; }

    /// <summary>Number of cells <see cref="ExpandCells"/> yields (bounded by <see cref="SpecLimits.MaxCells"/>).</summary>
    public int CellCount { get; }

    /// <summary>
    /// Training steps T when every cell has the same (see <see cref="StepsAreFixed"/>); otherwise the largest T of any
    /// cell, and per-cell values are in <see cref="CellDefinition.Steps"/>.
    /// </summary>
    public int Steps => StepValues().Max();

    /// <summary>True when all cells train for the same number of steps.</summary>
    public bool StepsAreFixed => StepValues().Distinct().Count() == 1;

    /// <summary>
    /// The normalised spec: compact JSON, defaults filled in, keys in a fixed order (settings sorted), grid values in
    /// spec order, reals in shortest round-trip form.
    /// </summary>
    public string CanonicalJson { get; }

    /// <summary>Lowercase hex SHA-256 of <see cref="CanonicalJson"/>.</summary>
    public string Fingerprint { get; }

    /// <summary>
    /// The cells, lazily, in a deterministic order: optimizer, spectrum, size, seed (each in spec order), then the
    /// setting axes in key order (the grid's and the optimizer's own); the last axis varies fastest.
    /// </summary>
    public IEnumerable<CellDefinition> ExpandCells() => ExpandCells(_ => false);

    /// <summary>
    /// The cells as <see cref="ExpandCells()"/> yields them, except that each axis named by
    /// <paramref name="collapsed"/> keeps only its first value: one representative per class of cells that differ only
    /// on those axes.
    /// </summary>
    internal IEnumerable<CellDefinition> ExpandCells(Func<string, bool> collapsed)
    {
        var spectra = collapsed(CoreAxes.SpectrumKey) ? Spectra.Take(1) : Spectra;
        var seeds = collapsed(CoreAxes.SeedKey) ? Seeds.Take(1) : Seeds;
        var sizes = collapsed(CoreAxes.SizeKey) ? Sizes.Take(1) : Sizes;
        foreach (var optimizer in Optimizers)
        {
            var axes = AxesOf(optimizer)
                .Select(a => collapsed(a.Name) ? a with { Values = a.Values.Take(1).ToArray() } : a)
                .ToArray();
            var baseSettings = OptimizerOverrides.TryGetValue(optimizer, out var overrides)
                ? Settings.With(overrides)
                : Settings;

            foreach (var spectrum in spectra)
            foreach (var size in sizes)
            foreach (var seed in seeds)
            foreach (var combination in AxisCombinations(axes))
            {
                var settings = axes.Length == 0
                    ? baseSettings
                    : baseSettings.With(axes.Select((axis, i) => KeyValuePair.Create(axis.Name, axis.Values[combination[i]])));
                yield return new CellDefinition(Experiment, optimizer, spectrum, size, seed, settings);
            }
        }
    }

    /// <summary>
    /// The setting axes of <paramref name="optimizer"/>'s cells in key order: the grid's, and its own under
    /// <c>optimizers</c>.
    /// </summary>
    public IReadOnlyList<SettingAxis> AxesOf(string optimizer) =>
        OptimizerAxes.TryGetValue(optimizer, out var own)
            ? Axes.Concat(own).OrderBy(a => a.Name, StringComparer.Ordinal).ToArray()
            : Axes;

    /// <summary>
    /// Every value the spec gives <paramref name="setting"/>, with the field path it is written at: the fixed value
    /// (<c>settings.X</c>, also when it is the default), each value of a grid axis (<c>grid.X[i]</c>), each
    /// per-optimizer replacement (<c>optimizers.O.X</c>) and each value of a per-optimizer axis (<c>optimizers.O.X[i]</c>).
    /// </summary>
    public IEnumerable<(string Path, SettingValue Value)> ValuesOf(string setting)
    {
        if (Settings.TryGetValue(setting, out var fixedValue))
        {
            yield return ($"settings.{setting}", fixedValue);
        }

        foreach (var (value, i) in Axes.Where(a => a.Name == setting).SelectMany(a => a.Values.Select((v, i) => (v, i))))
        {
            yield return ($"grid.{setting}[{i}]", value);
        }

        foreach (var (optimizer, overrides) in OptimizerOverrides)
        {
            if (overrides.TryGetValue(setting, out var overridden))
            {
                yield return ($"optimizers.{optimizer}.{setting}", overridden);
            }
        }

        foreach (var (optimizer, axes) in OptimizerAxes)
        {
            foreach (var (value, i) in axes.Where(a => a.Name == setting).SelectMany(a => a.Values.Select((v, i) => (v, i))))
            {
                yield return ($"optimizers.{optimizer}.{setting}[{i}]", value);
            }
        }
    }

    /// <summary>
    /// Reads <see cref="CanonicalJson"/> back through full validation (same <see cref="Fingerprint"/>); throws
    /// <see cref="FormatException"/> listing the errors when it does not validate.
    /// </summary>
    public static SweepSpec FromCanonicalJson(string json)
    {
        var errors = new List<SpecError>();
        SpecNode root;
        try
        {
            root = JsonTreeReader.Read(json, SpecLimits.Default.MaxDepth);
        }
        catch (JsonException e)
        {
            throw new FormatException($"spec JSON is malformed: {e.Message}", e);
        }

        var spec = SpecBuilder.Build(root, SpecLimits.Default, errors, canonicalJson: true);
        return spec is not null && errors.Count == 0
            ? spec
            : throw new FormatException("spec JSON does not validate: " + string.Join("; ", errors));
    }

    public bool Equals(SweepSpec? other) => other is not null && other.CanonicalJson == CanonicalJson;

    public override int GetHashCode() => CanonicalJson.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => $"{Name} ({Experiment}, {CellCount} cells, {Fingerprint[..12]})";

    private IEnumerable<int> StepValues()
    {
        var name = CommonSettingNames.Steps;
        return Optimizers.SelectMany(o =>
            OptimizerOverrides.TryGetValue(o, out var overrides) && overrides.TryGetValue(name, out var overridden)
                ? [overridden.AsInt32()]
                : AxesOf(o).FirstOrDefault(a => a.Name == name) is { } axis
                    ? axis.Values.Select(v => v.AsInt32())
                    : [Settings[name].AsInt32()]);
    }

    // Odometer over the setting axes: indices into each axis, last axis fastest. One empty combination when none.
    private static IEnumerable<int[]> AxisCombinations(IReadOnlyList<SettingAxis> axes)
    {
        var indices = new int[axes.Count];
        while (true)
        {
            yield return (int[])indices.Clone();
            var position = axes.Count - 1;
            while (position >= 0 && ++indices[position] == axes[position].Values.Count)
            {
                indices[position--] = 0;
            }

            if (position < 0)
            {
                yield break;
            }
        }
    }

    private void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", Name);
        writer.WriteString("experiment", Experiment);
        writer.WriteNumber("retries", Retries);
        if (CellTimeout != DefaultCellTimeout)
        {
            // Only when it differs from the default: specs written before it existed keep their fingerprint.
            writer.WriteNumber(SpecBuilder.CellTimeoutKey, (long)CellTimeout.TotalSeconds);
        }
        writer.WriteStartObject("grid");
        WriteList(writer, CoreAxes.OptimizerKey, Optimizers.Select(SettingValue.FromText));
        WriteList(writer, CoreAxes.SpectrumKey, Spectra.Select(SettingValue.FromReal));
        WriteList(writer, CoreAxes.SizeKey, Sizes.Select(s => SettingValue.FromInteger(s)));
        WriteList(writer, CoreAxes.SeedKey, Seeds.Select(s => SettingValue.FromInteger(s)));
        foreach (var axis in Axes)
        {
            WriteList(writer, axis.Name, axis.Values);
        }

        writer.WriteEndObject();
        WriteSettings(writer, "settings", SettingMap.From(SettingDefinition.Written(ExperimentRegistry.Get(Experiment).Settings, Settings)));
        writer.WriteStartObject("optimizers");
        foreach (var optimizer in OptimizerOverrides.Keys.Union(OptimizerAxes.Keys).Order(StringComparer.Ordinal))
        {
            WriteOptimizer(writer, optimizer);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("fit");
        writer.WriteString("baseline", Fit.Baseline);
        writer.WriteNumber("bootstrap", Fit.Bootstrap);
        WriteFitOptions(writer);
        writer.WriteEndObject();
        if (Adaptive is { } adaptive)
        {
            // Only when present: specs without the section keep their fingerprint.
            WriteAdaptive(writer, adaptive);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// The <c>adaptive</c> section with every setting, defaults included; a stop rule not given (no target, or no
    /// budget of a kind) is left out, since absent is what it stands for.
    /// </summary>
    private static void WriteAdaptive(Utf8JsonWriter writer, AdaptiveSettings adaptive)
    {
        writer.WriteStartObject(SpecBuilder.AdaptiveKey);
        writer.WriteString(SpecBuilder.PolicyKey, adaptive.PolicyName);
        WriteReal(writer, SpecBuilder.TargetKey, adaptive.Target);
        if (adaptive.BudgetSeconds is not null || adaptive.BudgetCells is not null)
        {
            writer.WriteStartObject(SpecBuilder.BudgetKey);
            WriteReal(writer, SpecBuilder.CoreSecondsKey, adaptive.BudgetSeconds);
            if (adaptive.BudgetCells is { } cells)
            {
                writer.WriteNumber(SpecBuilder.CellsKey, cells);
            }

            writer.WriteEndObject();
        }

        WriteReal(writer, SpecBuilder.ExploreKey, adaptive.Explore);
        writer.WriteNumber(SpecBuilder.AdaptiveSeedKey, adaptive.Seed);
        writer.WriteEndObject();
    }

    /// <summary>
    /// The fit settings added after the first specs: each written only when it is not the default (exponents fitted,
    /// least squares), so that specs without them keep their fingerprint. With <c>robust: huber</c> its δ is written
    /// too, default or not, as every default of a setting in use is.
    /// </summary>
    private void WriteFitOptions(Utf8JsonWriter writer)
    {
        if (Fit.FixedAlpha is not null || Fit.FixedBeta is not null)
        {
            writer.WriteStartObject(SpecBuilder.ExponentsKey);
            WriteReal(writer, SpecBuilder.AlphaKey, Fit.FixedAlpha);
            WriteReal(writer, SpecBuilder.BetaKey, Fit.FixedBeta);
            writer.WriteEndObject();
        }

        if (Fit.HuberDelta is not null)
        {
            writer.WriteString(SpecBuilder.RobustKey, FitSettings.Huber);
            WriteReal(writer, SpecBuilder.HuberDeltaKey, Fit.HuberDelta);
        }
    }

    // A real in shortest round-trip form, as every real of the canonical JSON; nothing when there is none.
    private static void WriteReal(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } real)
        {
            writer.WritePropertyName(name);
            SettingValue.FromReal(real).WriteTo(writer);
        }
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IEnumerable<SettingValue> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            value.WriteTo(writer);
        }

        writer.WriteEndArray();
    }

    // An optimizer's replacements and its own axes, in key order; without axes it is written as WriteSettings does.
    private void WriteOptimizer(Utf8JsonWriter writer, string optimizer)
    {
        var overrides = OptimizerOverrides.TryGetValue(optimizer, out var map) ? map : SettingMap.From([]);
        var axes = OptimizerAxes.TryGetValue(optimizer, out var own) ? own : [];
        writer.WriteStartObject(optimizer);
        foreach (var key in overrides.Select(o => o.Key).Concat(axes.Select(a => a.Name)).Order(StringComparer.Ordinal))
        {
            if (axes.FirstOrDefault(a => a.Name == key) is { } axis)
            {
                WriteList(writer, key, axis.Values);
            }
            else
            {
                writer.WritePropertyName(key);
                overrides[key].WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteSettings(Utf8JsonWriter writer, string name, SettingMap settings)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in settings)
        {
            writer.WritePropertyName(key);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
