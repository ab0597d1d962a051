using Orchestrator.Specs;

namespace Orchestrator.Grains.Runs;

/// <summary>
/// Runs a cell's kernel within the silo's kernel slots and memory budget, off the Orleans scheduler. One per silo;
/// it finds the kernel for the cell's experiment and reserves the cell's estimated memory
/// (<see cref="CellMemory.EstimateBytes"/>) before the kernel starts.
/// </summary>
public sealed class CellExecutor(KernelSlots slots, IEnumerable<IExperimentKernel> kernels)
{
    private readonly Dictionary<string, IExperimentKernel> _kernels = kernels.ToDictionary(k => k.Experiment);

    public KernelSlots Slots => slots;

    public Task<CellResult> ExecuteAsync(CellDefinition cell, CancellationToken cancellationToken)
    {
        if (!_kernels.TryGetValue(cell.Experiment, out var kernel))
        {
            throw new InvalidOperationException($"no kernel for experiment '{cell.Experiment}' on this silo");
        }

        // An experiment without an estimate is admitted by its slot alone.
        var bytes = CellMemory.EstimateBytes(cell) ?? 0;
        return slots.RunAsync(ct => kernel.Run(cell, ct), bytes, cancellationToken);
    }
}
