using System.Collections.Concurrent;
using Orchestrator.Specs;
using Orchestrator.Specs.Experiments;

namespace Orchestrator.Grains.Runs;

/// <summary>
/// Runs a cell's kernel within the silo's kernel slots and memory budget, off the Orleans scheduler. One per silo;
/// it asks the cell's experiment module for its kernel once (kernels keep per-silo caches) and reserves the cell's
/// estimated memory (<see cref="CellMemory.EstimateBytes"/>) before the kernel starts.
/// </summary>
public sealed class CellExecutor(KernelSlots slots, ExperimentHost host)
{
    private readonly ConcurrentDictionary<string, IExperimentKernel> _kernels = new(StringComparer.Ordinal);

    public KernelSlots Slots => slots;

    public ExperimentHost Host => host;

    public Task<CellResult> ExecuteAsync(CellDefinition cell, CancellationToken cancellationToken) =>
        ExecuteAsync(cell, timeout: null, cancellationToken);

    /// <summary>
    /// Runs <paramref name="cell"/>; a kernel still running <paramref name="timeout"/> after it started is cancelled
    /// and the attempt fails with <see cref="CellTimedOutException"/>.
    /// </summary>
    public Task<CellResult> ExecuteAsync(CellDefinition cell, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var kernel = _kernels.GetOrAdd(cell.Experiment, name => ExperimentRegistry.Get(name).CreateKernel(host));
        // An experiment without an estimate is admitted by its slot alone.
        var bytes = CellMemory.EstimateBytes(cell) ?? 0;
        return slots.RunAsync(ct => ToCellResult(kernel.Run(cell, ct)), bytes, timeout, cancellationToken);
    }

    private static CellResult ToCellResult(KernelOutput output)
    {
        var run = output.Run;
        return new CellResult(
            run.FinalLoss,
            run.Diverged,
            run.DivergenceReason,
            run.LearningRate,
            run.Seconds,
            run.FloatingPointOperations,
            run.PeakBytes,
            run.Curve.Select(p => p.Step).ToArray(),
            run.Curve.Select(p => p.Loss).ToArray(),
            output.Measurements is { Count: > 0 } m ? new Dictionary<string, double>(m) : null);
    }
}
