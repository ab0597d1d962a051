using Orchestrator.Numerics.Fitting;
using Orchestrator.Numerics.SpectralRank;
using Orchestrator.Numerics.SpectralRank.Data;
using Orchestrator.Numerics.SpectralRank.Optimizers;
using Orchestrator.Specs.Validation;
using Orchestrator.Specs.Values;
using static Orchestrator.Specs.Experiments.SpectralRank.SpectralRankSettingNames;

namespace Orchestrator.Specs.Experiments.SpectralRank;

/// <summary>
/// The <c>ffn-spectral-rank</c> experiment: a ReLU² FFN block of width D (<c>size</c>) trained on a Zipf token task
/// whose exponent is the <c>spectrum</c> axis, with <c>adamw</c>, <c>muon</c> or <c>sgd</c>; the cells measure the
/// soft and hard rank of the hidden-activation covariance per frequency bucket. The learning rate must be a number
/// (or a list): there is no automatic choice for this experiment.
/// </summary>
/// <remarks>
/// Two variants, chosen by <c>input</c>: <c>context</c> (the default: a current token mixed with a context token at
/// weight <c>ctx</c>, the defaults of the other settings are this variant's) and <c>token</c> (the first release: the
/// token's own embedding). <c>input: token</c> is left out of canonical JSON and is what a stored cell or spec without
/// the key reads back as, so the first release's cell ids, fingerprints and results are unchanged; <c>ctx</c> at 1 is
/// left out too.
/// </remarks>
public sealed class SpectralRankExperiment : IExperimentModule
{
    public const string ExperimentName = "ffn-spectral-rank";

    /// <summary>Largest FFN width: the covariance measurement decomposes up to D×D.</summary>
    public const int MaxWidth = 8192;
    public const int MaxVocab = 65_536;
    public const int MaxDimension = 4096;
    public const int MaxSteps = 10_000_000;
    public const double MaxLearningRate = 1e6;

    private static readonly FfnOptimizerSettings OptimizerDefaults = new();
    private static readonly SpectralRankRun RunDefaults = new() { Zipf = 1, Width = 1, Seed = 0, Steps = 1, Optimizer = "", LearningRate = 1 };

    /// <summary>Spec values of <c>input</c>, by kernel variant.</summary>
    public static IReadOnlyDictionary<string, FfnInput> InputNames { get; } = new Dictionary<string, FfnInput>(StringComparer.Ordinal)
    {
        ["context"] = FfnInput.Context,
        ["token"] = FfnInput.Token,
    };

    /// <summary>The context variant's defaults (SCIENCE.md): V 1024, d 128, batch 1024, 20,000 held-out pairs, decay 0.01.</summary>
    public const int DefaultVocab = 1024;
    public const int DefaultEmbedDim = 128;
    public const int DefaultBatch = 1024;
    public const int DefaultEvalTokens = 20_000;
    public const double DefaultWeightDecay = 0.01;

    public string Name => ExperimentName;

    public IReadOnlyList<string> OptimizerNames => FfnOptimizerRegistry.Names;

    public string DefaultBaseline => FfnOptimizerRegistry.AdamW;

    public IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new(Vocab, ScalarReaders.Integer(3, MaxVocab), SettingValue.FromInteger(DefaultVocab)),
        new(EmbedDim, ScalarReaders.Integer(1, MaxDimension), SettingValue.FromInteger(DefaultEmbedDim)),
        new(Outputs, ScalarReaders.Integer(1, MaxDimension), SettingValue.FromInteger(RunDefaults.Outputs)),
        new(TeacherWidth, ScalarReaders.Integer(1, MaxDimension), SettingValue.FromInteger(RunDefaults.TeacherWidth)),
        new(Steps, ScalarReaders.Integer(1, MaxSteps), Default: null),
        new(Batch, ScalarReaders.Integer(1, 65_536), SettingValue.FromInteger(DefaultBatch)),
        new(LearningRate, FixedLearningRate, Default: null),
        new(WeightDecay, ScalarReaders.Real(Interval.Closed(0, 1e3)), SettingValue.FromReal(DefaultWeightDecay)),
        new(Beta1, ScalarReaders.Real(Interval.ClosedOpen(0, 1)), SettingValue.FromReal(OptimizerDefaults.Beta1)),
        new(Beta2, ScalarReaders.Real(Interval.ClosedOpen(0, 1)), SettingValue.FromReal(OptimizerDefaults.Beta2)),
        new(Epsilon, ScalarReaders.Real(new Interval(0, false, double.MaxValue, true)), SettingValue.FromReal(OptimizerDefaults.Epsilon)),
        new(Momentum, ScalarReaders.Real(Interval.ClosedOpen(0, 1)), SettingValue.FromReal(OptimizerDefaults.Momentum)),
        new(NewtonSchulzSteps, ScalarReaders.Integer(1, 20), SettingValue.FromInteger(OptimizerDefaults.NewtonSchulzSteps)),
        new(EvalTokens, ScalarReaders.Integer(2, 10_000_000), SettingValue.FromInteger(DefaultEvalTokens)),
        new(Input, ScalarReaders.OneOf([.. InputNames.Keys], Input), SettingValue.FromText("context"))
        {
            AbsentValue = SettingValue.FromText("token"),
        },
        new(ContextWeight, ScalarReaders.Real(Interval.Closed(0, 1e3)), SettingValue.FromReal(RunDefaults.ContextWeight)) { OmittedAtDefault = true },
    ];

    public IExperimentKernel CreateKernel(ExperimentHost host) => new SpectralRankCellKernel();

    /// <summary>The loss fits, and the rank fits that are this experiment's finding.</summary>
    public IExperimentAnalysis CreateAnalysis(FitOptions options) => new RankAnalysis(options);

    public void Validate(SpecDraft draft, List<SpecError> errors)
    {
        foreach (var size in draft.Sizes.Where(s => s.Value > MaxWidth))
        {
            errors.Add(new SpecError(size.Path,
                $"size {size.Value} is larger than {MaxWidth}, the widest FFN this experiment measures (its covariance is D×D)"));
        }

        // ctx only mixes in a context token: with the token input, other values would repeat identical cells.
        foreach (var optimizer in draft.Optimizers.Select(o => o.Value))
        {
            if (draft.ValuesFor(optimizer, Input).All(v => InputNames[v.Value.Text] == FfnInput.Token)
                && draft.ValuesFor(optimizer, ContextWeight).FirstOrDefault(v => v.Value.AsDouble() != RunDefaults.ContextWeight) is { Path: { } path })
            {
                errors.Add(new SpecError(path, $"ctx applies to input: context only (the cells of {optimizer} use input: token)"));
                break;
            }
        }
    }

    /// <summary>Maps a cell of this experiment to the kernel's run record, every setting included.</summary>
    public static SpectralRankRun ToRun(CellDefinition cell)
    {
        if (cell.Experiment != ExperimentName)
        {
            throw new InvalidOperationException($"cell {cell.Id} is of experiment '{cell.Experiment}', not '{ExperimentName}'");
        }

        var s = cell.Settings;
        return new SpectralRankRun
        {
            Vocab = s[Vocab].AsInt32(),
            EmbedDim = s[EmbedDim].AsInt32(),
            Outputs = s[Outputs].AsInt32(),
            TeacherWidth = s[TeacherWidth].AsInt32(),
            Zipf = cell.Spectrum,
            Width = cell.Size,
            Seed = cell.Seed,
            Steps = s[Steps].AsInt32(),
            Batch = s[Batch].AsInt32(),
            Optimizer = cell.Optimizer,
            LearningRate = s[LearningRate].AsDouble(),
            EvalTokens = s[EvalTokens].AsInt32(),
            Input = InputNames[s[Input].Text],
            ContextWeight = s[ContextWeight].AsDouble(),
            OptimizerSettings = new FfnOptimizerSettings
            {
                Beta1 = s[Beta1].AsDouble(),
                Beta2 = s[Beta2].AsDouble(),
                Epsilon = s[Epsilon].AsDouble(),
                Momentum = s[Momentum].AsDouble(),
                WeightDecay = s[WeightDecay].AsDouble(),
                NewtonSchulzSteps = s[NewtonSchulzSteps].AsInt32(),
            },
        };
    }

    private static readonly Func<string, ScalarOutcome> Real = ScalarReaders.Real(Interval.OpenClosed(0, MaxLearningRate));

    /// <summary>A number; <c>auto</c> is refused with the reason (no preconditioned Hessian to scale by).</summary>
    private static ScalarOutcome FixedLearningRate(string text) =>
        text.Trim() == ScalarReaders.Auto
            ? ScalarOutcome.Fail($"'auto' is not defined for experiment '{ExperimentName}' (it needs a fixed preconditioner); give a number or a list, e.g. under optimizers.muon.lr")
            : Real(text);
}
