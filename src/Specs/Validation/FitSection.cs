using Orchestrator.Specs.Values;
using Orchestrator.Specs.Yaml;
using static Orchestrator.Specs.Validation.NodeReader;
using static Orchestrator.Specs.Validation.SpecBuilder;

namespace Orchestrator.Specs.Validation;

/// <summary>Reads <c>fit</c>: the baseline optimizer (default: the experiment's, e.g. <c>gd</c>, when swept, else the first) and bootstrap count.</summary>
internal static class FitSection
{
    private static readonly string[] FitKeys = [BaselineKey, BootstrapKey];

    public static void ReadFit(Dictionary<string, SpecNode> fields, SpecDraft draft, List<SpecError> errors)
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
            var preferred = draft.Experiment?.DefaultBaseline;
            baseline = preferred is not null && optimizers.Contains(preferred) ? preferred : optimizers.FirstOrDefault();
        }

        draft.Fit = baseline is null ? null : new FitSettings(baseline, bootstrap);
    }
}
