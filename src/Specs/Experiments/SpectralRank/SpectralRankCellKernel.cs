using Orchestrator.Numerics.SpectralRank;

namespace Orchestrator.Specs.Experiments.SpectralRank;

/// <summary>Runs <c>ffn-spectral-rank</c> cells with <see cref="SpectralRankKernel"/>; the ranks are measurements.</summary>
public sealed class SpectralRankCellKernel : IExperimentKernel
{
    public KernelOutput Run(CellDefinition cell, CancellationToken cancellationToken)
    {
        var result = SpectralRankKernel.Run(SpectralRankExperiment.ToRun(cell), cancellationToken);
        return new(result.Run, result.Measurements.Count > 0 ? new Dictionary<string, double>(result.Measurements) : null);
    }
}
