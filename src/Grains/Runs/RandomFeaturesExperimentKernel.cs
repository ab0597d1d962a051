using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Numerics.RandomFeatures.Problems;
using Orchestrator.Numerics.Training;
using Orchestrator.Specs;

namespace Orchestrator.Grains.Runs;

/// <summary>The <c>random-features</c> experiment: a thin adapter over <see cref="RandomFeaturesKernel"/>.</summary>
public sealed class RandomFeaturesExperimentKernel(ProblemCache problems) : IExperimentKernel
{
    public string Experiment => "random-features";

    public CellResult Run(CellDefinition cell, CancellationToken cancellationToken) =>
        ToCellResult(RandomFeaturesKernel.Run(cell.ToRandomFeaturesRun(), problems, cancellationToken));

    internal static CellResult ToCellResult(RunResult run) => new(
        run.FinalLoss,
        run.Diverged,
        run.DivergenceReason,
        run.LearningRate,
        run.Seconds,
        run.FloatingPointOperations,
        run.PeakBytes,
        run.Curve.Select(p => p.Step).ToArray(),
        run.Curve.Select(p => p.Loss).ToArray());
}
