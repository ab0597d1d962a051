using Orchestrator.Numerics.Fitting;
using Orchestrator.Specs.Values;
using Orchestrator.Specs.Yaml;
using static Orchestrator.Specs.Validation.NodeReader;
using static Orchestrator.Specs.Validation.SpecBuilder;

namespace Orchestrator.Specs.Validation;

/// <summary>
/// Reads <c>fit</c>: the baseline optimizer (default: the experiment's, e.g. <c>gd</c>, when swept, else the first),
/// bootstrap count, fixed exponents (<c>exponents: {alpha, beta}</c>) and the objective (<c>robust: huber</c> with
/// <c>huber_delta</c>).
/// </summary>
internal static class FitSection
{
    private static readonly string[] FitKeys = [BaselineKey, BootstrapKey, ExponentsKey, RobustKey, HuberDeltaKey];
    private static readonly string[] ExponentKeys = [AlphaKey, BetaKey];
    private static readonly string[] RobustValues = [FitSettings.LeastSquares, FitSettings.Huber];
    private static readonly Interval ExponentRange = Interval.OpenClosed(0, FitSettings.MaxExponent);
    private static readonly Interval DeltaRange = new(0, false, double.MaxValue, true);

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

        var (alpha, beta) = ReadExponents(fit, errors);
        var huberDelta = ReadObjective(fit, errors);
        draft.Fit = baseline is null ? null : new FitSettings(baseline, bootstrap, alpha, beta, huberDelta);
    }

    /// <summary><c>fit.exponents</c>: each of alpha and beta in (0, 10] when given, null (fitted) when not.</summary>
    private static (double? Alpha, double? Beta) ReadExponents(Dictionary<string, SpecNode> fit, List<SpecError> errors)
    {
        if (!fit.TryGetValue(ExponentsKey, out var node))
        {
            return (null, null);
        }

        var path = $"{FitKey}.{ExponentsKey}";
        var exponents = Fields(AsMapping(node, path, errors), path, ExponentKeys, errors);
        double? Read(string key) => exponents.TryGetValue(key, out var value)
            ? ReadScalar(value, $"{path}.{key}", ScalarReaders.Real(ExponentRange), errors)?.Real
            : null;
        return (Read(AlphaKey), Read(BetaKey));
    }

    /// <summary><c>fit.robust</c> and <c>fit.huber_delta</c>: null for least squares, else δ (default 1e-3).</summary>
    private static double? ReadObjective(Dictionary<string, SpecNode> fit, List<SpecError> errors)
    {
        var robust = FitSettings.LeastSquares;
        if (fit.TryGetValue(RobustKey, out var robustNode))
        {
            robust = ReadScalar(robustNode, $"{FitKey}.{RobustKey}", ScalarReaders.OneOf(RobustValues, "robust fit"), errors)?.Text ?? robust;
        }

        double? delta = null;
        if (fit.TryGetValue(HuberDeltaKey, out var deltaNode))
        {
            var path = $"{FitKey}.{HuberDeltaKey}";
            delta = ReadScalar(deltaNode, path, ScalarReaders.Real(DeltaRange), errors)?.Real;
            if (robust != FitSettings.Huber)
            {
                // Least squares has no δ: a δ given with it is a mistake, not a setting to ignore.
                errors.Add(new SpecError(path, $"applies only with {FitKey}.{RobustKey}: {FitSettings.Huber}"));
            }
        }

        return robust == FitSettings.Huber ? delta ?? HuberLoss.DefaultDelta : null;
    }
}
