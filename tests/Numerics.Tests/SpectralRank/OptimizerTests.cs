using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Random;
using Orchestrator.Numerics.SpectralRank;
using Orchestrator.Numerics.SpectralRank.Optimizers;
using Xunit;

namespace Orchestrator.Numerics.Tests.SpectralRank;

public sealed class OptimizerTests
{
    private static double[] Gaussian(int rows, int cols, ulong seed)
    {
        var random = new Xoshiro256StarStar(seed);
        return Enumerable.Range(0, rows * cols).Select(_ => random.NextStandardNormal()).ToArray();
    }

    /// <summary>Singular values of a rows×cols matrix, from the eigenvalues of its smaller Gram matrix.</summary>
    private static double[] SingularValues(double[] matrix, int rows, int cols)
    {
        var algebra = DenseLinearAlgebra.Default;
        var m = Math.Min(rows, cols);
        var gram = new double[m * m];
        algebra.Multiply(rows > cols, rows <= cols, m, m, Math.Max(rows, cols), 1.0, matrix, matrix, 0.0, gram);
        return algebra.Eigendecompose(m, gram).Eigenvalues.Select(e => Math.Sqrt(Math.Max(e, 0))).ToArray();
    }

    [Theory]
    [InlineData(64, 256)]
    [InlineData(256, 64)]
    [InlineData(16, 48)]
    public void NewtonSchulzSendsEverySingularValueIntoTheQuinticBand(int rows, int cols)
    {
        var matrix = Gaussian(rows, cols, 7);
        var before = SingularValues(matrix, rows, cols);
        Assert.True(before[^1] / before[0] > 1.5, "the test matrix is not already orthogonal");

        NewtonSchulz.OrthogonalizeInPlace(matrix, rows, cols, 5, DenseLinearAlgebra.Default);

        var after = SingularValues(matrix, rows, cols);
        Assert.Equal(Math.Min(rows, cols), after.Length);
        Assert.All(after, s => Assert.InRange(s, 0.68, 1.2));
    }

    [Fact]
    public void NewtonSchulzLeavesAZeroMatrixZero()
    {
        var zero = new double[12];
        NewtonSchulz.OrthogonalizeInPlace(zero, 3, 4, 5, DenseLinearAlgebra.Default);
        Assert.All(zero, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void MuonStepIsOrthogonalisedAndScaledByTheSquareRootOfFanOutOverFanIn()
    {
        const int rows = 128, cols = 32;
        var weights = new double[rows * cols];
        var update = new MuonUpdate(rows, cols, new FfnOptimizerSettings(), DenseLinearAlgebra.Default);

        update.Apply(weights, Gaussian(rows, cols, 3), 0.1);

        // W = −η·√(128/32)·NS(g + μg): singular values η·2·[0.68, 1.2].
        Assert.All(SingularValues(weights, rows, cols), s => Assert.InRange(s, 0.1 * 2 * 0.68, 0.1 * 2 * 1.2));
    }

    [Fact]
    public void AdamWFirstStepIsTheHandComputation()
    {
        var settings = new FfnOptimizerSettings { Beta1 = 0.9, Beta2 = 0.95, Epsilon = 1e-3, WeightDecay = 0.1 };
        double[] weights = [1.0, -2.0, 0.5];
        double[] gradient = [0.02, -4.0, 0.0];
        const double lr = 0.01;

        FfnOptimizerRegistry.Create("adamw", 1, 3, settings, DenseLinearAlgebra.Default).Apply(weights, gradient, lr);

        // m̂ = g, v̂ = g² after bias correction, so W ← W − η(g/(|g| + ε) + λW).
        double[] expected =
        [
            1.0 - lr * (0.02 / (0.02 + 1e-3) + 0.1 * 1.0),
            -2.0 - lr * (-4.0 / (4.0 + 1e-3) + 0.1 * -2.0),
            0.5 - lr * (0.0 + 0.1 * 0.5),
        ];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], weights[i], 1e-15);
        }
    }

    [Fact]
    public void AdamWSecondStepUsesTheBiasCorrectedMoments()
    {
        var settings = new FfnOptimizerSettings { Beta1 = 0.9, Beta2 = 0.95, Epsilon = 1e-8 };
        double[] weights = [0.0];
        var update = FfnOptimizerRegistry.Create("adamw", 1, 1, settings, DenseLinearAlgebra.Default);
        update.Apply(weights, [1.0], 0.1);
        update.Apply(weights, [3.0], 0.1);

        double m = 0.9 * 0.1 * 1.0 + 0.1 * 3.0, v = 0.95 * 0.05 * 1.0 + 0.05 * 9.0;
        var second = m / (1 - 0.81) / (Math.Sqrt(v / (1 - 0.9025)) + 1e-8);
        Assert.Equal(-0.1 * (1.0 / (1.0 + 1e-8) + second), weights[0], 1e-15);
    }

    [Fact]
    public void SgdWithoutMomentumIsPlainGradientDescentAndWithMomentumIsTheHeavyBall()
    {
        double[] plain = [1.0];
        var sgd = FfnOptimizerRegistry.Create("sgd", 1, 1, new FfnOptimizerSettings { Momentum = 0 }, DenseLinearAlgebra.Default);
        sgd.Apply(plain, [2.0], 0.1);
        sgd.Apply(plain, [2.0], 0.1);
        Assert.Equal(1.0 - 0.4, plain[0], 1e-15);

        double[] heavy = [1.0];
        var momentum = FfnOptimizerRegistry.Create("sgd", 1, 1, new FfnOptimizerSettings { Momentum = 0.5 }, DenseLinearAlgebra.Default);
        momentum.Apply(heavy, [2.0], 0.1);
        momentum.Apply(heavy, [2.0], 0.1);
        Assert.Equal(1.0 - 0.1 * 2.0 - 0.1 * 3.0, heavy[0], 1e-15);
    }

    [Fact]
    public void TheRegistryKnowsExactlyTheThreeOptimizers()
    {
        Assert.Equal(["adamw", "muon", "sgd"], FfnOptimizerRegistry.Names);
        Assert.Throws<ArgumentException>(() =>
            FfnOptimizerRegistry.Create("natural-gradient", 2, 2, new FfnOptimizerSettings(), DenseLinearAlgebra.Default));
    }
}
