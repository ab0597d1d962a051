using Orchestrator.Specs.Validation;
using Orchestrator.Specs.Values;
using static Orchestrator.Specs.Experiments.Command.CommandSettingNames;

namespace Orchestrator.Specs.Experiments.Command;

/// <summary>
/// The <c>command</c> experiment: a researcher's own training script as a cell. The spec names a runner that the
/// silos declare in their configuration (<see cref="RunnerCatalog"/>), never an executable: any client may submit a
/// spec, so what a silo can be made to start is fixed by whoever configures it. Each cell starts the runner with its
/// optimizer, spectrum, size, seed and settings as arguments and reads JSON lines from its standard output (see
/// <see cref="CommandCellRunner"/>). Optimizer names are free labels; the analysis is the loss fits.
/// </summary>
public sealed class CommandExperiment : IExperimentModule
{
    public const string ExperimentName = "command";
    public const int MaxSteps = 1_000_000_000;

    public string Name => ExperimentName;

    public IReadOnlyList<string> OptimizerNames => [];

    public string DefaultBaseline => "gd";

    public IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new(Runner, RunnerName, Default: null),
        new(Steps, ScalarReaders.Integer(1, MaxSteps), SettingValue.FromInteger(1000)),
        new(LearningRate, ScalarReaders.Real(Interval.OpenClosed(0, 1e6)), SettingValue.FromReal(1.0)),
    ];

    public ScalarOutcome ReadOptimizer(string text) => OptimizerName.Label(text);

    public void Validate(SpecDraft draft, List<SpecError> errors)
    {
    }

    /// <summary>Every runner the spec names must be declared by the host, and its template must be fillable.</summary>
    public IReadOnlyList<SpecError> CheckHost(SweepSpec spec, ExperimentHost host)
    {
        var known = RunnerArguments.AxisPlaceholders.Concat(Settings.Select(s => s.Name)).ToHashSet(StringComparer.Ordinal);
        var errors = new List<SpecError>();
        foreach (var (path, value) in spec.ValuesOf(Runner))
        {
            var name = value.Text;
            if (!host.Runners.TryGet(name, out var runner))
            {
                var declared = host.Runners.Count == 0 ? "the silos declare none" : $"declared: {string.Join(", ", host.Runners.Names)}";
                errors.Add(new SpecError(path, $"runner '{name}' is not declared by the cluster's silos ({declared}); a spec names a declared runner, never a program"));
                continue;
            }

            var unknown = runner.Arguments.SelectMany(RunnerArguments.PlaceholdersIn).Where(p => !known.Contains(p)).Distinct().ToList();
            if (unknown.Count > 0)
            {
                errors.Add(new SpecError(path,
                    $"runner '{name}' fills {string.Join(", ", unknown.Select(p => $"{{{p}}}"))} in its arguments, which no cell of this experiment has"));
            }
        }

        return errors;
    }

    public IExperimentKernel CreateKernel(ExperimentHost host) => new CommandKernel(host.Runners, new CommandCellRunner());

    private static ScalarOutcome RunnerName(string text) =>
        RunnerDefinition.IsValidName(text.Trim())
            ? ScalarOutcome.Ok(SettingValue.FromText(text.Trim()))
            : ScalarOutcome.Fail($"'{text}' is not a runner name: a runner is named by lowercase letters, digits, '-' and '_' in the silo's configuration");
}
