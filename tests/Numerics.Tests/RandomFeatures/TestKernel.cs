using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Numerics.RandomFeatures.Problems;
using Orchestrator.Numerics.Training;
using Xunit;

namespace Orchestrator.Numerics.Tests.RandomFeatures;

/// <summary>Kernel calls bound to the test's cancellation token.</summary>
internal static class TestKernel
{
    public static RunResult Run(RandomFeaturesRun run, ProblemCache? cache = null) =>
        RandomFeaturesKernel.Run(run, cache, TestContext.Current.CancellationToken);

    public static RunResult Run(RandomFeaturesRun run, IDenseLinearAlgebra algebra, ProblemCache? cache = null) =>
        RandomFeaturesKernel.Run(run, algebra, cache, TestContext.Current.CancellationToken);

    public static RandomFeaturesProblem Build(RandomFeaturesRun run, IDenseLinearAlgebra? algebra = null) =>
        ProblemBuilder.Build(ProblemKey.Of(run), algebra ?? ManagedDenseLinearAlgebra.Instance, TestContext.Current.CancellationToken);
}
