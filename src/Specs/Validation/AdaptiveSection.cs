using Orchestrator.Numerics.Design;
using Orchestrator.Specs.Values;
using Orchestrator.Specs.Yaml;
using static Orchestrator.Specs.Validation.NodeReader;
using static Orchestrator.Specs.Validation.SpecBuilder;

namespace Orchestrator.Specs.Validation;

/// <summary>
/// Reads <c>adaptive</c>: the policy, the stop rules (a target α interval width and budgets in core-seconds and
/// cells, at least one of them), the share of the spend kept for space-filling units and the random policy's seed;
/// and checks that the grid, which holds the candidates, gives α an interval to narrow.
/// </summary>
internal static class AdaptiveSection
{
    private static readonly string[] AdaptiveKeys = [PolicyKey, TargetKey, BudgetKey, ExploreKey, AdaptiveSeedKey];
    private static readonly string[] BudgetKeys = [CoreSecondsKey, CellsKey];

    /// <summary>Reads the section after <c>grid</c> and <c>fit</c>, which it is checked against.</summary>
    public static void ReadAdaptive(Dictionary<string, SpecNode> fields, SpecDraft draft, List<SpecError> errors)
    {
        if (!fields.TryGetValue(AdaptiveKey, out var node))
        {
            return;
        }

        var errorsBefore = errors.Count;
        if (AsMapping(node, AdaptiveKey, errors) is not { } mapping)
        {
            return;
        }

        var adaptive = Fields(mapping, AdaptiveKey, AdaptiveKeys, errors);
        var budgetPath = $"{AdaptiveKey}.{BudgetKey}";
        var budgetMapping = adaptive.TryGetValue(BudgetKey, out var budgetNode)
            ? AsMapping(budgetNode, budgetPath, errors)
            : null;
        var budget = Fields(budgetMapping, budgetPath, BudgetKeys, errors);

        var policy = Read(adaptive, PolicyKey, AdaptiveKey, ScalarReaders.OneOf(AdaptiveSettings.PolicyNames, "policy"), errors);
        var target = Read(adaptive, TargetKey, AdaptiveKey,
            ScalarReaders.Real(Interval.OpenClosed(0, AdaptiveSettings.MaxTarget)), errors);
        var seconds = Read(budget, CoreSecondsKey, budgetPath,
            ScalarReaders.Real(Interval.OpenClosed(0, AdaptiveSettings.MaxBudgetSeconds)), errors);
        var cells = Read(budget, CellsKey, budgetPath, ScalarReaders.Integer(1, int.MaxValue), errors);
        var explore = Read(adaptive, ExploreKey, AdaptiveKey,
            ScalarReaders.Real(Interval.Closed(AdaptiveSettings.MinExplore, AdaptiveSettings.MaxExplore)), errors);
        var seed = Read(adaptive, AdaptiveSeedKey, AdaptiveKey, ScalarReaders.Integer(0, long.MaxValue), errors);

        // Given but invalid counts as given: its own error says what is wrong with it.
        var budgetUnreadable = budgetNode is not null && budgetMapping is null;
        if (!adaptive.ContainsKey(TargetKey) && !budgetUnreadable && !budget.ContainsKey(CoreSecondsKey) && !budget.ContainsKey(CellsKey))
        {
            errors.Add(new SpecError(AdaptiveKey,
                $"needs a stop rule: give {TargetKey}, {BudgetKey}.{CoreSecondsKey} or {BudgetKey}.{CellsKey} (or several)"));
        }

        CheckCandidates(draft, errors);
        if (errors.Count > errorsBefore)
        {
            return;
        }

        draft.Adaptive = new AdaptiveSettings(
            policy is null ? DesignPolicyKind.Uncertainty : AdaptiveSettings.PolicyOf(policy.Text),
            target?.Real,
            seconds?.Real,
            cells is null ? null : (int)cells.Integer,
            explore?.Real ?? DesignSettings.DefaultExploreFraction,
            seed is null ? 0 : (ulong)seed.Integer);
    }

    private static SettingValue? Read(Dictionary<string, SpecNode> section, string key, string sectionPath,
        Func<string, ScalarOutcome> read, List<SpecError> errors) =>
        section.TryGetValue(key, out var node) ? ReadScalar(node, $"{sectionPath}.{key}", read, errors) : null;

    /// <summary>
    /// The grid holds the candidates: enough sizes for α to have an interval and enough seeds to narrow it; and α must
    /// be fitted, not held fixed, for there to be an interval at all.
    /// </summary>
    private static void CheckCandidates(SpecDraft draft, List<SpecError> errors)
    {
        var sizePath = $"{GridKey}.{CoreAxes.SizeKey}";
        if (!HasErrorAt(errors, sizePath) && draft.Sizes.Count < AdaptiveSettings.MinSizes)
        {
            errors.Add(new SpecError(sizePath,
                $"an adaptive sweep needs at least {AdaptiveSettings.MinSizes} candidate sizes to fit α with an interval, got {draft.Sizes.Count}"));
        }

        var seedPath = $"{GridKey}.{CoreAxes.SeedKey}";
        if (!HasErrorAt(errors, seedPath) && draft.Seeds.Count < AdaptiveSettings.MinSeeds)
        {
            errors.Add(new SpecError(seedPath,
                $"an adaptive sweep needs at least {AdaptiveSettings.MinSeeds} seeds (the most a size may get), got {draft.Seeds.Count}"));
        }

        if (draft.Fit?.FixedAlpha is { } alpha)
        {
            errors.Add(new SpecError($"{FitKey}.{ExponentsKey}.{AlphaKey}",
                $"an adaptive sweep narrows the interval of the fitted α, so α cannot be held fixed (at {SettingValue.FormatReal(alpha)})"));
        }
    }

    // An axis whose own reading failed has already been reported; counting its valid values would blame it twice.
    private static bool HasErrorAt(List<SpecError> errors, string path) =>
        errors.Any(e => e.Path == path || e.Path.StartsWith(path + "[", StringComparison.Ordinal));
}
