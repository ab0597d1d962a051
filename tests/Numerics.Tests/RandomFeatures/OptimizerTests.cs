using MathNet.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures.Optimizers;
using Orchestrator.Numerics.RandomFeatures.Training;
using Orchestrator.Numerics.Random;
using Xunit;

namespace Orchestrator.Numerics.Tests.RandomFeatures;

public sealed class OptimizerTests
{
    private static RandomFeaturesRun Run(string optimizer, int n, int k, int t, double? lr, double s = 1.2) => new()
    {
        LatentDim = 320, Spectrum = s, Size = n, Outputs = k, Seed = 21, Steps = t, Optimizer = optimizer, LearningRate = lr,
    };

    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData(0.5, 48, 1, 30)]
    [InlineData(1.5, 96, 2, 300)]
    [InlineData(1.0, 160, 1, 1000)]
    public void MomentumMatchesTheHeavyBallRecurrencePerMode(double s, int n, int k, int t)
    {
        var run = Run("momentum", n, k, t, lr: null, s) with
        {
            LearningRateScale = 0.1, OptimizerSettings = new() { Momentum = 0.8 },
        };
        var closed = new EigenbasisClosedForm(TestKernel.Build(run).Population);
        var eta = 0.1 * closed.AutoLearningRate(Enumerable.Repeat(1.0, n).ToArray());
        var result = TestKernel.Run(run);
        Assert.Equal(eta, result.LearningRate, 1e-12 * eta);
        foreach (var point in result.Curve.Skip(1))
        {
            AssertRelative(closed.MomentumLoss(eta, 0.8, point.Step), point.Loss, 1e-9);
        }
    }

    [Theory]
    [InlineData(0.5, 1.0, 64, 1, 40)]
    [InlineData(0.5, 2.0, 128, 3, 200)]
    [InlineData(0.25, 1.5, 100, 1, 500)]
    public void NaturalGradientPowerMatchesTheClosedForm(double gamma, double s, int n, int k, int t)
    {
        var run = Run("ng-power", n, k, t, lr: null, s) with
        {
            LearningRateScale = 0.5, OptimizerSettings = new() { Gamma = gamma, Damping = 1e-6 },
        };
        var closed = new EigenbasisClosedForm(TestKernel.Build(run).Population);
        var p = closed.PowerPreconditioner(1e-6, gamma);
        var eta = 0.5 * closed.AutoLearningRate(p);
        foreach (var point in TestKernel.Run(run).Curve)
        {
            AssertRelative(closed.Loss(eta, p, point.Step), point.Loss, 1e-9);
        }
    }

    [Fact]
    public void NgPowerWithGammaOneIsNaturalGradientAndWithGammaZeroIsGradientDescent()
    {
        var ng = TestKernel.Run(Run("natural-gradient", 64, 2, 25, lr: null));
        var ngPower = TestKernel.Run(Run("ng-power", 64, 2, 25, lr: null) with { OptimizerSettings = new() { Gamma = 1 } });
        Assert.Equal(ng.Curve, ngPower.Curve);
        var gd = TestKernel.Run(Run("gd", 64, 2, 25, lr: 0.2));
        var gamma0 = TestKernel.Run(Run("ng-power", 64, 2, 25, lr: 0.2) with { OptimizerSettings = new() { Gamma = 0 } });
        for (var i = 0; i < gd.Curve.Count; i++)
        {
            AssertRelative(gd.Curve[i].Loss, gamma0.Curve[i].Loss, 1e-13);
        }
    }

    [Fact]
    public void AdamOnPopulationDataReadsHOncePerStepWithTheSymmetricProduct()
    {
        // The probe's product after a step is the next step's gradient: T + 1 products in all, none of them general.
        var run = Run("adam", 64, 2, 30, lr: 0.01);
        var problem = TestKernel.Build(run, DenseLinearAlgebra.Default);
        var counting = new ProductCountingAlgebra(run.Size);
        var outcome = ReadoutTrainer.Train(run, problem, OptimizerRegistry.Resolve("adam"), counting,
            TestContext.Current.CancellationToken);
        Assert.Equal(run.Steps + 1, counting.SymmetricProducts);
        Assert.Equal(0, counting.GeneralProducts);

        var reference = new DenseReferenceTrainer(problem.Population);
        AssertRelative(reference.Train(run.Steps, 0.01, DenseReferenceTrainer.Adam(0.9, 0.999, 1e-8)), outcome.FinalLoss, 1e-9);
    }

    [Theory]
    [InlineData(0.05, 20)]
    [InlineData(0.01, 150)]
    public void MatrixSignWithOneOutputIsNormalisedGradientDescent(double lr, int t)
    {
        var run = Run("matrix-sign", 80, 1, t, lr);
        var reference = new DenseReferenceTrainer(TestKernel.Build(run).Population);
        var expected = reference.Train(t, lr, g => g / g.FrobeniusNorm());
        AssertRelative(expected, TestKernel.Run(run).FinalLoss, 1e-9);
    }

    [Theory]
    [InlineData(2, 0.03, 25)]
    [InlineData(4, 0.02, 60)]
    public void MatrixSignWithSeveralOutputsFollowsThePolarFactor(int k, double lr, int t)
    {
        var run = Run("matrix-sign", 72, k, t, lr);
        var reference = new DenseReferenceTrainer(TestKernel.Build(run).Population);
        var expected = reference.Train(t, lr, DenseReferenceTrainer.PolarFactor);
        AssertRelative(expected, TestKernel.Run(run).FinalLoss, 1e-8);
    }

    [Theory]
    [InlineData(2, 30)]
    [InlineData(5, 200)]
    public void MatrixSignUpdateIsOrthogonal(int k, int n)
    {
        var rng = new Xoshiro256StarStar((ulong)(k * 1000 + n));
        var g = new double[k * n];
        for (var i = 0; i < g.Length; i++)
        {
            g[i] = rng.NextStandardNormal() * (1 + i % 7);
        }

        var original = DenseReferenceTrainer.ToMatrix(k, n, (double[])g.Clone());
        MatrixSignUpdate.PolarFactorInPlace(k, n, g);
        var q = DenseReferenceTrainer.ToMatrix(k, n, g);
        var gram = q * q.Transpose();
        Assert.True((gram - Matrix<double>.Build.DenseIdentity(k)).FrobeniusNorm() < 1e-12);
        Assert.True((q - DenseReferenceTrainer.PolarFactor(original)).FrobeniusNorm() < 1e-12);
        // The polar factor is the orthogonal matrix closest to G: ⟨G, msign(G)⟩ = nuclear norm of G.
        Assert.Equal(original.Svd().S.Sum(), original.PointwiseMultiply(q).Enumerate().Sum(), 1e-9);
    }

    [Fact]
    public void AdamMatchesAHandComputedThreeStepExample()
    {
        // β1 = 0.9, β2 = 0.999, ε = 1e-8, η = 0.1, two coordinates from zero, gradients (0.5, −2), (0.1, 1), (−0.3, 0).
        var update = OptimizerRegistry.Resolve("adam").CreateUpdate(1, 2, new OptimizerSettings(), null);
        var a = new double[2];
        update.Apply(a, [0.5, -2.0], 0.1);
        // t = 1: m = (0.05, −0.2), v = (0.00025, 0.004); m̂ = g, v̂ = g², step = g/(|g| + ε).
        Assert.Equal(-0.1 * 0.5 / (0.5 + 1e-8), a[0], 1e-15);
        Assert.Equal(0.1 * 2.0 / (2.0 + 1e-8), a[1], 1e-15);

        update.Apply(a, [0.1, 1.0], 0.1);
        // t = 2: m = (0.055, −0.08), v = (0.00025975, 0.004996); corrections 1 − 0.9² = 0.19, 1 − 0.999² = 0.001999.
        var a0 = -0.1 * 0.5 / (0.5 + 1e-8) - 0.1 * (0.055 / 0.19) / (Math.Sqrt(0.00025975 / 0.001999) + 1e-8);
        var a1 = 0.1 * 2.0 / (2.0 + 1e-8) - 0.1 * (-0.08 / 0.19) / (Math.Sqrt(0.004996 / 0.001999) + 1e-8);
        Assert.Equal(a0, a[0], 1e-15);
        Assert.Equal(a1, a[1], 1e-15);

        update.Apply(a, [-0.3, 0.0], 0.1);
        // t = 3: m = (0.0195, −0.072), v = (0.00034949025, 0.004991004); corrections 0.271, 0.002997001.
        a0 -= 0.1 * (0.0195 / 0.271) / (Math.Sqrt(0.00034949025 / 0.002997001) + 1e-8);
        a1 -= 0.1 * (-0.072 / 0.271) / (Math.Sqrt(0.004991004 / 0.002997001) + 1e-8);
        Assert.Equal(a0, a[0], 1e-15);
        Assert.Equal(a1, a[1], 1e-15);
        Assert.Equal(-0.2014, a[0], 1e-4); // sanity on the worked numbers
        Assert.Equal(0.1472, a[1], 1e-4);
    }

    [Theory]
    [InlineData(1, 0.01, 40)]
    [InlineData(3, 0.003, 120)]
    public void AdamOnTheKernelMatchesADenseReference(int k, double lr, int t)
    {
        var run = Run("adam", 64, k, t, lr) with { OptimizerSettings = new() { Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-6 } };
        var reference = new DenseReferenceTrainer(TestKernel.Build(run).Population);
        var expected = reference.Train(t, lr, DenseReferenceTrainer.Adam(0.8, 0.99, 1e-6));
        AssertRelative(expected, TestKernel.Run(run).FinalLoss, 1e-9);
    }

    [Fact]
    public void EveryRegisteredOptimizerRunsAndImproves()
    {
        foreach (var name in OptimizerRegistry.Names)
        {
            var lr = OptimizerRegistry.SupportsAutoLearningRate(name) ? (double?)null : 0.005;
            var result = TestKernel.Run(Run(name, 48, 2, 60, lr));
            Assert.False(result.Diverged, $"{name}: {result.DivergenceReason}");
            Assert.True(result.FinalLoss < result.Curve[0].Loss, $"{name} did not reduce the loss");
            Assert.True(result.FloatingPointOperations > 0 && result.PeakBytes > 0);
        }
    }
}
