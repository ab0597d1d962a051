namespace Orchestrator.Specs.Experiments;

/// <summary>
/// Runs the cells of one experiment on one host. Implementations are thread-safe, and deterministic per cell: the
/// result depends only on the cell's definition and seed, never on the host or the order of execution.
/// </summary>
public interface IExperimentKernel
{
    /// <summary>Runs one cell on the calling thread; honours <paramref name="cancellationToken"/> promptly.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    KernelOutput Run(CellDefinition cell, CancellationToken cancellationToken);
}
