using Orchestrator.Numerics.RandomFeatures;
using Xunit;

namespace Orchestrator.Numerics.Tests.RandomFeatures;

public sealed class DataRegimeTests
{
    private static RandomFeaturesRun Run(string optimizer, DataRegime data, int seed = 2, double? lr = 0.5) => new()
    {
        LatentDim = 256, Spectrum = 1.3, Size = 48, Outputs = 2, Seed = seed, Steps = 60, Optimizer = optimizer,
        LearningRate = lr, Data = data,
    };

    [Theory]
    [InlineData("gd", 0.5)]
    [InlineData("momentum", 0.05)]
    [InlineData("adam", 0.01)]
    [InlineData("matrix-sign", 0.01)]
    public void FiniteDataReportsThePopulationLossOfTheReadoutTrainedOnTheSample(string optimizer, double lr)
    {
        var run = Run(optimizer, new DataRegime(DataRegimeKind.Finite, 30), lr: lr);
        var problem = TestKernel.Build(run);
        var reference = new DenseReferenceTrainer(problem.Training, problem.Population);
        Func<MathNet.Numerics.LinearAlgebra.Matrix<double>, MathNet.Numerics.LinearAlgebra.Matrix<double>> rule = optimizer switch
        {
            "gd" => g => g,
            "adam" => DenseReferenceTrainer.Adam(0.9, 0.999, 1e-8),
            "matrix-sign" => DenseReferenceTrainer.PolarFactor,
            _ => Momentum(0.9),
        };
        var expected = reference.Train(run.Steps, lr, rule);
        var result = TestKernel.Run(run);
        Assert.True(Math.Abs(expected - result.FinalLoss) <= 1e-9 * expected, $"{expected:R} vs {result.FinalLoss:R}");
        Assert.Equal(problem.Population.InitialLoss, result.Curve[0].Loss);
    }

    private static Func<MathNet.Numerics.LinearAlgebra.Matrix<double>, MathNet.Numerics.LinearAlgebra.Matrix<double>> Momentum(double mu)
    {
        MathNet.Numerics.LinearAlgebra.Matrix<double>? v = null;
        return g => v = v is null ? g : mu * v + g;
    }

    [Fact]
    public void FewSamplesOverfitWhileManySamplesApproachTheConvergedPopulationLoss()
    {
        // Natural gradient converges to the empirical minimiser. With 20 samples for 48 features it interpolates
        // and its population loss is well above L_∞; with 20000 samples it is within a few percent of L_∞.
        double RelativeExcess(int samples)
        {
            var run = Run("natural-gradient", new DataRegime(DataRegimeKind.Finite, samples), lr: null);
            var converged = new EigenbasisClosedForm(TestKernel.Build(run).Population).ConvergedLoss;
            var result = TestKernel.Run(run);
            Assert.False(result.Diverged, result.DivergenceReason);
            return (result.FinalLoss - converged) / converged;
        }

        var few = RelativeExcess(20);
        var many = RelativeExcess(20000);
        Assert.True(few > 0.2, $"20 samples: relative excess {few}");
        Assert.InRange(many, 0.0, 0.05);
    }

    [Fact]
    public void OnlineSeedAverageApproachesThePopulationLossAsTheBatchGrows()
    {
        // SGD noise raises the expected loss by O(η/B); averaged over seeds the excess over exact-gradient GD on the
        // same problem must shrink as the batch grows.
        const int seeds = 6;
        double MeanExcess(int batch)
        {
            var total = 0.0;
            for (var seed = 0; seed < seeds; seed++)
            {
                var run = Run("gd", new DataRegime(DataRegimeKind.Online, batch), seed, lr: 0.3);
                var online = TestKernel.Run(run);
                Assert.False(online.Diverged, online.DivergenceReason);
                var exact = new DenseReferenceTrainer(TestKernel.Build(run).Population).Train(run.Steps, 0.3, g => g);
                total += online.FinalLoss - exact;
            }

            return total / seeds;
        }

        var small = MeanExcess(2);
        var large = MeanExcess(512);
        Assert.True(small > 0, $"noise should cost loss at B = 2 (excess {small})");
        Assert.True(Math.Abs(large) < 0.1 * small, $"excess at B = 512: {large}, at B = 2: {small}");
    }

    [Fact]
    public void OnlineMinibatchesAreTheSameForEveryOptimizer()
    {
        // With lr tiny and one step, gd and momentum take the identical first step: the same minibatch.
        var data = new DataRegime(DataRegimeKind.Online, 8);
        var gd = TestKernel.Run(Run("gd", data, lr: 0.01) with { Steps = 1 });
        var momentum = TestKernel.Run(Run("momentum", data, lr: 0.01) with { Steps = 1 });
        Assert.Equal(gd.FinalLoss, momentum.FinalLoss);
    }
}
