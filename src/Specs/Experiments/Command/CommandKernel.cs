using Orchestrator.Numerics.Training;

namespace Orchestrator.Specs.Experiments.Command;

/// <summary>
/// Runs <c>command</c> cells: starts the cell's runner, as this host declares it, with the cell's axis values and
/// settings as arguments (<see cref="CommandCellRunner"/>). A runner this host does not declare, bad output, a
/// non-zero exit or a timeout fails the attempt with the reason; a non-finite final loss is a diverged result.
/// </summary>
public sealed class CommandKernel(RunnerCatalog runners, CommandCellRunner processes) : IExperimentKernel
{
    public KernelOutput Run(CellDefinition cell, CancellationToken cancellationToken)
    {
        var name = cell.Settings[CommandSettingNames.Runner].Text;
        if (!runners.TryGet(name, out var runner))
        {
            throw new InvalidOperationException(
                $"runner '{name}' is not declared on this silo; declared: {(runners.Count == 0 ? "none" : string.Join(", ", runners.Names))}");
        }

        var invocation = new CommandInvocation(cell.Id, cell.Optimizer, cell.Spectrum, cell.Size, cell.Seed,
            cell.Settings.ToDictionary(s => s.Key, s => s.Value.ToString(), StringComparer.Ordinal));
        // The kernel holds its slot's thread while the child runs, as a built-in kernel would while it computes.
        var result = processes.RunAsync(runner, invocation, progress: null, cancellationToken).GetAwaiter().GetResult();
        var run = new RunResult(
            result.FinalLoss,
            result.Curve,
            result.Diverged,
            result.Diverged ? $"runner '{name}' reported a non-finite final loss" : null,
            LearningRate: cell.LearningRate ?? double.NaN,
            result.Seconds,
            FloatingPointOperations: 0,
            PeakBytes: 0);
        return new KernelOutput(run, result.Measurements.Count > 0 ? result.Measurements : null);
    }
}
