using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Numerics.RandomFeatures.Problems;

namespace Orchestrator.Specs.Experiments.RandomFeatures;

/// <summary>
/// Runs <c>random-features</c> cells with <see cref="RandomFeaturesKernel"/>. Cells that share a problem (same
/// spectrum, size, seed, latent dimension and data) share it through the host's <see cref="ProblemCache"/>.
/// </summary>
public sealed class RandomFeaturesCellKernel(ProblemCache problems) : IExperimentKernel
{
    /// <summary>The problems this kernel's cells share.</summary>
    public ProblemCache Problems => problems;

    public KernelOutput Run(CellDefinition cell, CancellationToken cancellationToken) =>
        new(RandomFeaturesKernel.Run(RandomFeaturesExperiment.ToRun(cell), problems, cancellationToken));
}
