using Orchestrator.Specs.Experiments;
using Orchestrator.Specs.Values;

namespace Orchestrator.Specs.Validation;

/// <summary>
/// The parts of a spec that passed their own checks, each with its field path, before the checks that span fields.
/// A part that failed is absent, so cross-field checks only speak about values that are valid on their own.
/// </summary>
public sealed class SpecDraft
{
    public string? Name { get; set; }

    /// <summary>
    /// True when the spec is canonical JSON read back (a stored sweep), false for a spec a person wrote: a missing
    /// setting then stands for its <see cref="SettingDefinition.AbsentValue"/>, not its default.
    /// </summary>
    public bool ReadsCanonicalJson { get; init; }
    public IExperimentModule? Experiment { get; set; }
    public int Retries { get; set; } = SweepSpec.DefaultRetries;
    public TimeSpan CellTimeout { get; set; } = SweepSpec.DefaultCellTimeout;
    public List<Located<string>> Optimizers { get; } = [];
    public List<Located<double>> Spectra { get; } = [];
    public List<Located<int>> Sizes { get; } = [];
    public List<Located<int>> Seeds { get; } = [];

    /// <summary>Fixed settings, defaults included (their path is the one they would have under <c>settings</c>).</summary>
    public SortedDictionary<string, Located<SettingValue>> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>Settings swept as grid axes, by name.</summary>
    public SortedDictionary<string, List<Located<SettingValue>>> Axes { get; } = new(StringComparer.Ordinal);

    /// <summary>Per-optimizer replacements of fixed settings.</summary>
    public SortedDictionary<string, SortedDictionary<string, Located<SettingValue>>> Overrides { get; } =
        new(StringComparer.Ordinal);

    /// <summary>
    /// Per-optimizer setting axes: a list under <c>optimizers.O.X</c> sweeps X over its values in O's cells only (other
    /// optimizers keep the fixed value), e.g. a learning-rate axis for the optimizers without an automatic rate.
    /// </summary>
    public SortedDictionary<string, SortedDictionary<string, List<Located<SettingValue>>>> OptimizerAxes { get; } =
        new(StringComparer.Ordinal);

    public FitSettings? Fit { get; set; }

    /// <summary>The <c>adaptive</c> section; null when the spec has none.</summary>
    public AdaptiveSettings? Adaptive { get; set; }

    /// <summary>
    /// Every value <paramref name="setting"/> takes in cells of <paramref name="optimizer"/>: the per-optimizer axis or
    /// override, else the axis values, else the fixed value; empty when the setting is missing or invalid.
    /// </summary>
    public IReadOnlyList<Located<SettingValue>> ValuesFor(string optimizer, string setting)
    {
        if (OptimizerAxes.TryGetValue(optimizer, out var axes) && axes.TryGetValue(setting, out var optimizerAxis))
        {
            return optimizerAxis;
        }

        if (Overrides.TryGetValue(optimizer, out var overrides) && overrides.TryGetValue(setting, out var overridden))
        {
            return [overridden];
        }

        if (Axes.TryGetValue(setting, out var axis))
        {
            return axis;
        }

        return Settings.TryGetValue(setting, out var fixedValue) ? [fixedValue] : [];
    }
}
