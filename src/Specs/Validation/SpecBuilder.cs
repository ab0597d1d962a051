using System.Text.RegularExpressions;
using Orchestrator.Specs.Experiments;
using Orchestrator.Specs.Values;
using Orchestrator.Specs.Yaml;
using static Orchestrator.Specs.Validation.NodeReader;

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
    public const string CellTimeoutKey = "cell_timeout";
    public const string GridKey = "grid";
    public const string SettingsKey = "settings";
    public const string OptimizersKey = "optimizers";
    public const string FitKey = "fit";
    public const string BaselineKey = "baseline";
    public const string BootstrapKey = "bootstrap";
    public const string ExponentsKey = "exponents";
    public const string AlphaKey = "alpha";
    public const string BetaKey = "beta";
    public const string RobustKey = "robust";
    public const string HuberDeltaKey = "huber_delta";
    public const string AdaptiveKey = "adaptive";
    public const string PolicyKey = "policy";
    public const string TargetKey = "target";
    public const string BudgetKey = "budget";
    public const string CoreSecondsKey = "core_seconds";
    public const string CellsKey = "cells";
    public const string ExploreKey = "explore";
    public const string AdaptiveSeedKey = "seed";
    public const int MaxNameLength = 64;

    private static readonly string[] TopLevelKeys =
        [NameKey, ExperimentKey, RetriesKey, CellTimeoutKey, GridKey, SettingsKey, OptimizersKey, FitKey, AdaptiveKey];

    /// <param name="canonicalJson">True when <paramref name="root"/> is a spec's canonical JSON read back (see <see cref="SpecDraft.ReadsCanonicalJson"/>).</param>
    public static SweepSpec? Build(SpecNode root, SpecLimits limits, List<SpecError> errors, bool canonicalJson = false)
    {
        var errorsBefore = errors.Count;
        if (root is SpecScalar { IsNull: true })
        {
            errors.Add(new SpecError("(spec)", "the spec is empty"));
            return null;
        }

        if (root is not SpecMapping top)
        {
            errors.Add(new SpecError("(spec)", $"must be a mapping of keys (name, experiment, grid, ...) to values, got {root.Describe()}"));
            return null;
        }

        var fields = Fields(top, "", TopLevelKeys, errors);
        var draft = new SpecDraft
        {
            ReadsCanonicalJson = canonicalJson,
            Name = ReadName(fields, errors),
            Experiment = ReadExperiment(fields, errors),
        };

        if (fields.TryGetValue(RetriesKey, out var retries))
        {
            var value = ReadScalar(retries, RetriesKey, ScalarReaders.Integer(0, SweepSpec.MaxRetries), errors);
            draft.Retries = value is null ? SweepSpec.DefaultRetries : (int)value.Integer;
        }

        if (fields.TryGetValue(CellTimeoutKey, out var timeout))
        {
            var value = ReadScalar(timeout, CellTimeoutKey, ScalarReaders.Seconds(1, SweepSpec.MaxCellTimeoutSeconds), errors);
            draft.CellTimeout = value is null ? SweepSpec.DefaultCellTimeout : TimeSpan.FromSeconds(value.Integer);
        }

        GridSection.ReadGrid(fields, draft, limits, errors);
        SettingsSection.ReadSettings(fields, draft, errors);
        OverridesSection.ReadOverrides(fields, draft, limits, errors);
        FitSection.ReadFit(fields, draft, errors);
        AdaptiveSection.ReadAdaptive(fields, draft, errors);
        draft.Experiment?.Validate(draft, errors);
        GridSection.CheckCellCount(draft, limits, errors);

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

    private static IExperimentModule? ReadExperiment(Dictionary<string, SpecNode> fields, List<SpecError> errors)
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

    // \A and \z, not ^ and $: '$' also matches before a final newline, so "q\n" would pass as a name.
    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex NamePattern();
}
