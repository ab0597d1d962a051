using Orchestrator.Specs;

namespace Orchestrator.Grains.Runs;

/// <summary>Runs the cells of one experiment. Implementations are thread-safe and deterministic per cell.</summary>
public interface IExperimentKernel
{
    /// <summary>The spec's <c>experiment</c> value this kernel serves.</summary>
    string Experiment { get; }

    CellResult Run(CellDefinition cell, CancellationToken cancellationToken);
}
