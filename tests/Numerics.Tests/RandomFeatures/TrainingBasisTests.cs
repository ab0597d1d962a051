using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Numerics.RandomFeatures.Optimizers;
using Orchestrator.Numerics.RandomFeatures.Problems;
using Orchestrator.Numerics.RandomFeatures.Training;
using Orchestrator.Numerics.Training;
using Xunit;

namespace Orchestrator.Numerics.Tests.RandomFeatures;

/// <summary>
/// The two training bases give the same curves (to 1e-10 relative) wherever both are possible, the standard basis
/// matches the closed forms like the eigenbasis does, and the cost model's choice is a pure function of the run.
/// </summary>
[Collection(KernelParallelismCollection.Name)]
public sealed class TrainingBasisTests
{
    private const double SameCurve = 1e-10;

    public static TheoryData<string, double, int, int> Cells()
    {
        var cells = new TheoryData<string, double, int, int>();
        foreach (var optimizer in new[] { "gd", "momentum", "matrix-sign", "natural-gradient" })
        {
            cells.Add(optimizer, 1.0, 96, 1);
            cells.Add(optimizer, 2.0, 160, 1);
            cells.Add(optimizer, 0.5, 128, 3);
        }

        return cells;
    }

    private static RandomFeaturesRun Run(string optimizer, double spectrum, int size, int outputs, int steps = 100) => new()
    {
        LatentDim = 640, Spectrum = spectrum, Size = size, Outputs = outputs, Seed = 2, Steps = steps,
        Optimizer = optimizer,
        // matrix-sign at a rate small enough that it does not reach the minimum, where its bounces amplify rounding.
        LearningRate = optimizer == "matrix-sign" ? 0.002 : null,
    };

    private static TrainingOutcome Train(RandomFeaturesRun run, bool eigenbasis, IDenseLinearAlgebra? algebra = null)
    {
        algebra ??= DenseLinearAlgebra.Default;
        var problem = ProblemBuilder.Build(ProblemKey.Of(run), algebra, TestContext.Current.CancellationToken);
        return ReadoutTrainer.Train(run, problem, OptimizerRegistry.Resolve(run.Optimizer), algebra,
            TestContext.Current.CancellationToken, eigenbasis);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void BothBasesGiveTheSameCurve(string optimizer, double spectrum, int size, int outputs)
    {
        var run = Run(optimizer, spectrum, size, outputs);
        var eigen = Train(run, eigenbasis: true);
        var standard = Train(run, eigenbasis: false);

        Assert.Null(eigen.DivergenceReason);
        Assert.Null(standard.DivergenceReason);
        Assert.Equal(eigen.LearningRate, standard.LearningRate, 1e-13 * eigen.LearningRate);
        Assert.Equal(eigen.Curve.Select(p => p.Step), standard.Curve.Select(p => p.Step));
        for (var i = 0; i < eigen.Curve.Count; i++)
        {
            var want = eigen.Curve[i].Loss;
            Assert.True(Math.Abs(standard.Curve[i].Loss - want) <= SameCurve * want,
                $"step {eigen.Curve[i].Step}: standard {standard.Curve[i].Loss:R}, eigenbasis {want:R}");
        }

        // The standard basis never holds an eigendecomposition: its peak is never above the eigenbasis one.
        Assert.True(standard.PeakBytes <= eigen.PeakBytes, $"standard {standard.PeakBytes}, eigenbasis {eigen.PeakBytes}");
    }

    [Theory]
    [InlineData(120, 100)]
    [InlineData(320, 12)] // solves through the factor instead of forming the inverse
    public void TheManagedFallbackGivesTheSameStandardBasisCurve(int size, int steps)
    {
        var run = Run("natural-gradient", 1.5, size, 2, steps);
        var native = Train(run, eigenbasis: false);
        var managed = Train(run, eigenbasis: false, ManagedDenseLinearAlgebra.Instance);
        Assert.Equal(native.FinalLoss, managed.FinalLoss, SameCurve * managed.FinalLoss);
        Assert.Equal(native.Flops, managed.Flops);
        Assert.Equal(native.PeakBytes, managed.PeakBytes);
    }

    [Theory]
    [InlineData(1.0, 128, 60, 1)]
    [InlineData(2.0, 96, 200, 2)]
    [InlineData(1.5, 320, 12, 1)] // the natural gradient solves through the factor instead of forming the inverse
    public void TheStandardBasisMatchesTheClosedFormsTo1e9(double spectrum, int size, int steps, int outputs)
    {
        var gd = Run("gd", spectrum, size, outputs, steps);
        var natural = Run("natural-gradient", spectrum, size, outputs, steps) with
        {
            LearningRateScale = 0.25, OptimizerSettings = new() { Damping = 1e-3 },
        };
        var closed = new EigenbasisClosedForm(
            ProblemBuilder.Build(ProblemKey.Of(gd), DenseLinearAlgebra.Default, TestContext.Current.CancellationToken).Population);
        var identity = Enumerable.Repeat(1.0, size).ToArray();
        var preconditioner = closed.PowerPreconditioner(1e-3, 1.0);
        var cases = new[]
        {
            (Run: gd, Eta: closed.AutoLearningRate(identity), P: identity),
            (Run: natural, Eta: 0.25 * closed.AutoLearningRate(preconditioner), P: preconditioner),
        };
        foreach (var (run, eta, p) in cases)
        {
            var outcome = Train(run, eigenbasis: false);
            Assert.Equal(eta, outcome.LearningRate, 1e-12 * eta);
            foreach (var point in outcome.Curve)
            {
                var want = closed.Loss(eta, p, point.Step);
                Assert.True(Math.Abs(point.Loss - want) <= 1e-9 * want,
                    $"{run.Optimizer} step {point.Step}: {point.Loss:R} vs closed form {want:R}");
            }
        }
    }

    [Fact]
    public void TheCostModelTrainsLargeProblemsWithShortBudgetsInTheStandardBasis()
    {
        RandomFeaturesRun Cell(string optimizer, int size, int steps) => new()
        {
            LatentDim = 16384, Spectrum = 1.0, Size = size, Seed = 0, Steps = steps, Optimizer = optimizer,
            LearningRate = OptimizerRegistry.SupportsAutoLearningRate(optimizer) ? null : 0.05,
        };
        bool Eigen(RandomFeaturesRun run) => TrainingBasis.UsesEigenbasis(run, OptimizerRegistry.Resolve(run.Optimizer));

        foreach (var optimizer in new[] { "gd", "momentum", "matrix-sign", "natural-gradient" })
        {
            Assert.False(Eigen(Cell(optimizer, 4096, 100)), optimizer);
            Assert.True(Eigen(Cell(optimizer, 64, 100)), optimizer);
            Assert.True(Eigen(Cell(optimizer, 1024, 100_000)), optimizer);
        }

        Assert.True(Eigen(Cell("natural-gradient", 256, 100)));
        Assert.False(Eigen(Cell("natural-gradient", 512, 100)));
        Assert.False(Eigen(Cell("adam", 64, 100)));
        Assert.True(Eigen(Cell("ng-power", 4096, 100)));
        Assert.True(Eigen(Cell("gd", 4096, 100) with { Data = new DataRegime(DataRegimeKind.Finite, 100) }));
        Assert.True(Eigen(Cell("gd", 4096, 100) with { Data = new DataRegime(DataRegimeKind.Online, 10) }));
        Assert.True(Eigen(Cell("natural-gradient", 4096, 100) with { OptimizerSettings = new() { Damping = 1e-14 } }));
    }

    [Fact]
    public void TheInverseIsFormedOnlyWhenTheStepsRepayIt()
    {
        RandomFeaturesRun Cell(int size, int steps) => new()
        {
            LatentDim = 16384, Spectrum = 1.0, Size = size, Seed = 0, Steps = steps, Optimizer = "natural-gradient",
        };

        // 2N³/3 flops against T solves each saving a symmetric product's reading (2N² flops at the pass weight).
        Assert.False(TrainingBasis.FormsInverse(Cell(4096, 100)));
        Assert.False(TrainingBasis.FormsInverse(Cell(2048, 100)));
        Assert.True(TrainingBasis.FormsInverse(Cell(1024, 100)));
        Assert.True(TrainingBasis.FormsInverse(Cell(4096, 1000)));
        Assert.False(TrainingBasis.FormsInverse(Cell(1500, 100)));
        Assert.True(TrainingBasis.FormsInverse(Cell(1499, 100)));
    }

    [Fact]
    public void TheKernelReportsTheSameCellWithAndWithoutTheCachedLargestEigenvalue()
    {
        var run = Run("gd", 1.0, 300, 1, steps: 40) with { LatentDim = 700 };
        Assert.False(TrainingBasis.UsesEigenbasis(run, OptimizerRegistry.Resolve("gd")));
        var alone = TestKernel.Run(run);
        var cache = new ProblemCache(2);
        TestKernel.Run(run with { Optimizer = "natural-gradient" }, cache); // computes κ_max for the problem
        var shared = TestKernel.Run(run, cache);
        Assert.Equal(alone.FinalLoss, shared.FinalLoss);
        Assert.Equal(alone.Curve, shared.Curve);
        Assert.Equal(alone.FloatingPointOperations, shared.FloatingPointOperations);
        Assert.Equal(alone.PeakBytes, shared.PeakBytes);
    }
}
