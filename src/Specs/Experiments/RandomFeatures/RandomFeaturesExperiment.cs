using Orchestrator.Numerics.Fitting;
using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Numerics.RandomFeatures.Memory;
using Orchestrator.Numerics.RandomFeatures.Optimizers;
using Orchestrator.Numerics.RandomFeatures.Problems;
using Orchestrator.Specs.Validation;
using Orchestrator.Specs.Values;
using static Orchestrator.Specs.Experiments.RandomFeatures.RandomFeaturesSettingNames;

namespace Orchestrator.Specs.Experiments.RandomFeatures;

/// <summary>
/// The <c>random-features</c> experiment (SCIENCE.md): its settings with defaults and ranges, the cross-field
/// checks (model size within the latent dimension; <c>lr: auto</c> only for optimizers with a fixed preconditioner),
/// its kernel (<see cref="RandomFeaturesCellKernel"/>) and its memory estimate. Its analysis is the loss fits with the
/// spectral diagnostic of gradient descent (k_GD ≈ (ηκ₁T)^(1/s)), which needs the sweep's T.
/// </summary>
public sealed class RandomFeaturesExperiment : IExperimentModule
{
    public const string ExperimentName = "random-features";
    public const int MaxLatentDim = 65_536;
    public const int MaxSteps = 10_000_000;
    public const int MaxOutputs = 1024;
    public const double MaxLearningRate = 1e6;

    private static readonly OptimizerSettings OptimizerDefaults = new();

    public string Name => ExperimentName;

    public IReadOnlyList<string> OptimizerNames => OptimizerRegistry.Names;

    public string DefaultBaseline => "gd";

    public IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new(LatentDim, ScalarReaders.Integer(1, MaxLatentDim), Default: null),
        new(Steps, ScalarReaders.Integer(1, MaxSteps), Default: null),
        new(LearningRate, ScalarReaders.AutoOrReal(Interval.OpenClosed(0, MaxLearningRate)),
            SettingValue.FromText(ScalarReaders.Auto)),
        new(LearningRateScale, ScalarReaders.Real(Interval.OpenClosed(0, MaxLearningRate)), SettingValue.FromReal(1.0)),
        new(Data, DataRegimeReader.Read, SettingValue.FromText(DataRegime.Population.ToString())),
        new(Outputs, ScalarReaders.Integer(1, MaxOutputs), SettingValue.FromInteger(1)),
        new(TargetDecay, ScalarReaders.Real(Interval.Closed(0, 10)), SettingValue.FromReal(0)),
        new(Momentum, ScalarReaders.Real(Interval.ClosedOpen(0, 1)), SettingValue.FromReal(OptimizerDefaults.Momentum)),
        new(Beta1, ScalarReaders.Real(Interval.ClosedOpen(0, 1)), SettingValue.FromReal(OptimizerDefaults.Beta1)),
        new(Beta2, ScalarReaders.Real(Interval.ClosedOpen(0, 1)), SettingValue.FromReal(OptimizerDefaults.Beta2)),
        new(Epsilon, ScalarReaders.Real(new Interval(0, false, double.MaxValue, true)),
            SettingValue.FromReal(OptimizerDefaults.Epsilon)),
        new(Damping, ScalarReaders.Real(Interval.Closed(0, double.MaxValue)),
            SettingValue.FromReal(OptimizerDefaults.Damping)),
        new(Gamma, ScalarReaders.Real(Interval.Closed(0, 2)), SettingValue.FromReal(OptimizerDefaults.Gamma)),
    ];

    public IExperimentKernel CreateKernel(ExperimentHost host) =>
        new RandomFeaturesCellKernel(new ProblemCache(host.ProblemCacheCapacity, host.ProblemCacheMaxBytes));

    public FitOptions FitOptions(SweepSpec spec) => spec.Fit.ToFitOptions() with { Steps = spec.Steps };

    public void Validate(SpecDraft draft, List<SpecError> errors)
    {
        CheckSizesFitLatentDim(draft, errors);
        CheckAutoLearningRate(draft, errors);
    }

    /// <summary>
    /// The problem's arrays depend on N, M, K and the data regime, and the optimizer's state and work on the optimizer,
    /// the training basis (chosen from N, T, the optimizer and its damping) and (through <c>lr: auto</c>) the learning
    /// rate; the spectrum, seed and the other scalar settings only change the numbers in them.
    /// </summary>
    public IReadOnlySet<string> AxesWithoutMemoryEffect { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        CoreAxes.SpectrumKey, CoreAxes.SeedKey, TargetDecay, LearningRateScale, Momentum, Beta1, Beta2, Epsilon, Gamma,
    };

    /// <summary>The bytes <see cref="RandomFeaturesMemoryEstimate.Bytes"/> reserves for the cell's run.</summary>
    public long? EstimateCellBytes(CellDefinition cell) => RandomFeaturesMemoryEstimate.Bytes(ToRun(cell));

    /// <summary>Maps a cell of this experiment to the kernel's run record, every setting included.</summary>
    public static RandomFeaturesRun ToRun(CellDefinition cell)
    {
        if (cell.Experiment != ExperimentName)
        {
            throw new InvalidOperationException(
                $"cell {cell.Id} is of experiment '{cell.Experiment}', not '{ExperimentName}'");
        }

        var settings = cell.Settings;
        return new RandomFeaturesRun
        {
            LatentDim = settings[LatentDim].AsInt32(),
            Spectrum = cell.Spectrum,
            TargetDecay = settings[TargetDecay].AsDouble(),
            Outputs = settings[Outputs].AsInt32(),
            Size = cell.Size,
            Seed = cell.Seed,
            Steps = settings[Steps].AsInt32(),
            Optimizer = cell.Optimizer,
            LearningRate = cell.LearningRate,
            LearningRateScale = settings[LearningRateScale].AsDouble(),
            Data = DataRegimeReader.Parse(settings[Data].Text),
            OptimizerSettings = new OptimizerSettings
            {
                Momentum = settings[Momentum].AsDouble(),
                Beta1 = settings[Beta1].AsDouble(),
                Beta2 = settings[Beta2].AsDouble(),
                Epsilon = settings[Epsilon].AsDouble(),
                Damping = settings[Damping].AsDouble(),
                Gamma = settings[Gamma].AsDouble(),
            },
        };
    }

    // A size above the latent dimension has no meaning (N random features of an M-dimensional input, N ≤ M).
    private static void CheckSizesFitLatentDim(SpecDraft draft, List<SpecError> errors)
    {
        var optimizers = draft.Optimizers.Count > 0 ? draft.Optimizers.Select(o => o.Value) : [""];
        var latentDims = optimizers.SelectMany(o => draft.ValuesFor(o, LatentDim)).ToList();
        if (latentDims.Count == 0)
        {
            return;
        }

        var smallest = latentDims.MinBy(l => l.Value.Integer);
        foreach (var size in draft.Sizes.Where(s => s.Value > smallest.Value.Integer))
        {
            errors.Add(new SpecError(size.Path,
                $"size {size.Value} is larger than latent_dim {smallest.Value.Integer} ({smallest.Path}); " +
                "a model cannot have more random features than input dimensions"));
        }
    }

    private static void CheckAutoLearningRate(SpecDraft draft, List<SpecError> errors)
    {
        foreach (var optimizer in draft.Optimizers.Where(o => !OptimizerRegistry.SupportsAutoLearningRate(o.Value)))
        {
            var auto = draft.ValuesFor(optimizer.Value, LearningRate)
                .FirstOrDefault(v => v.Value.Kind == SettingKind.Text);
            if (auto.Path is not null)
            {
                var written = auto.IsDefault ? "'auto' (the default when lr is not given)" : "'auto'";
                errors.Add(new SpecError(auto.Path,
                    $"{written} is not defined for optimizer '{optimizer.Value}' (it has no fixed preconditioner); " +
                    $"give a number, e.g. under optimizers.{optimizer.Value}.lr"));
            }
        }
    }
}
