using Orchestrator.Numerics.SpectralRank;
using Orchestrator.Specs;
using Orchestrator.Specs.Experiments.SpectralRank;

namespace Orchestrator.Grains.Runs;

/// <summary>The <c>ffn-spectral-rank</c> experiment: a thin adapter over <see cref="SpectralRankKernel"/>.</summary>
public sealed class SpectralRankExperimentKernel : IExperimentKernel
{
    public string Experiment => SpectralRankExperiment.ExperimentName;

    public CellResult Run(CellDefinition cell, CancellationToken cancellationToken)
    {
        var result = SpectralRankKernel.Run(cell.ToSpectralRankRun(), cancellationToken);
        return RandomFeaturesExperimentKernel.ToCellResult(result.Run) with
        {
            Measurements = result.Measurements.Count > 0 ? new Dictionary<string, double>(result.Measurements) : null,
        };
    }
}
