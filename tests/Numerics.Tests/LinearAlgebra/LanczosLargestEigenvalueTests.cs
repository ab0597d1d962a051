using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Random;
using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Numerics.RandomFeatures.Problems;
using Xunit;

namespace Orchestrator.Numerics.Tests.LinearAlgebra;

/// <summary>κ_max by Lanczos against the full eigensolver, on the experiment's matrices and on known spectra.</summary>
public sealed class LanczosLargestEigenvalueTests
{
    [Theory]
    [InlineData(0.5, 300)]
    [InlineData(1.0, 300)]
    [InlineData(2.0, 300)]
    [InlineData(1.0, 40)]
    public void AgreesWithTheEigensolverOnRandomFeatureHessians(double spectrum, int size)
    {
        var key = new ProblemKey(1200, spectrum, 0, 1, size, 3, DataRegime.Population);
        var problem = ProblemBuilder.Build(key, DenseLinearAlgebra.Default, TestContext.Current.CancellationToken);
        var h = problem.Population.Hessian;
        var exact = DenseLinearAlgebra.Default.Eigendecompose(size, h).LargestEigenvalue;

        var lanczos = LanczosLargestEigenvalue.Compute(size, h, DenseLinearAlgebra.Default, TestContext.Current.CancellationToken);

        Assert.True(Math.Abs(lanczos.Value - exact) <= 1e-13 * exact, $"Lanczos {lanczos.Value:R}, eigensolver {exact:R}");
        Assert.InRange(lanczos.Iterations, 1, LanczosLargestEigenvalue.BasisRows(size));
    }

    [Fact]
    public void FindsTheLargestOfAKnownSpectrumWithACloseSecond()
    {
        // Q diag(d) Qᵀ with Q a product of Householder reflections, d_1 = 1, d_2 = 0.999.
        const int n = 120;
        var d = Enumerable.Range(0, n).Select(i => i == 0 ? 1.0 : i == 1 ? 0.999 : 0.9 / (i + 1)).ToArray();
        var matrix = RotatedDiagonal(d);

        var lanczos = LanczosLargestEigenvalue.Compute(n, matrix, ManagedDenseLinearAlgebra.Instance, TestContext.Current.CancellationToken);

        Assert.True(Math.Abs(lanczos.Value - 1.0) <= 1e-13, $"{lanczos.Value:R}");
    }

    [Fact]
    public void IsExactOnTinyMatricesAndAPureFunctionOfTheMatrix()
    {
        var one = LanczosLargestEigenvalue.Compute(1, [2.5], ManagedDenseLinearAlgebra.Instance, TestContext.Current.CancellationToken);
        Assert.Equal(2.5, one.Value, 1e-15);
        double[] matrix = [2, 1, 1, 2]; // eigenvalues 1 and 3
        var first = LanczosLargestEigenvalue.Compute(2, matrix, ManagedDenseLinearAlgebra.Instance, TestContext.Current.CancellationToken);
        Assert.Equal(3.0, first.Value, 1e-15);
        Assert.Equal(first, LanczosLargestEigenvalue.Compute(2, matrix, ManagedDenseLinearAlgebra.Instance, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void TheTridiagonalBisectionFindsTheTopEigenvalue()
    {
        // The n×n second-difference matrix (2 on the diagonal, −1 beside it): λ_max = 2 − 2cos(nπ/(n+1)).
        const int n = 50;
        var alpha = Enumerable.Repeat(2.0, n).ToArray();
        var beta = Enumerable.Repeat(-1.0, n).ToArray();
        var expected = 2 - 2 * Math.Cos(n * Math.PI / (n + 1));

        var top = LanczosLargestEigenvalue.LargestTridiagonalEigenvalue(alpha, beta, n, double.NegativeInfinity);

        Assert.Equal(expected, top, 1e-14);
    }

    private static double[] RotatedDiagonal(double[] d)
    {
        var n = d.Length;
        var q = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            q[i * n + i] = 1;
        }

        var rng = new Xoshiro256StarStar(9);
        for (var reflection = 0; reflection < 3; reflection++)
        {
            var v = Enumerable.Range(0, n).Select(_ => rng.NextStandardNormal()).ToArray();
            var norm = Math.Sqrt(v.Sum(x => x * x));
            for (var i = 0; i < n; i++)
            {
                v[i] /= norm;
            }

            // Q ← Q (I − 2vvᵀ)
            for (var row = 0; row < n; row++)
            {
                var dot = 0.0;
                for (var j = 0; j < n; j++)
                {
                    dot += q[row * n + j] * v[j];
                }

                for (var j = 0; j < n; j++)
                {
                    q[row * n + j] -= 2 * dot * v[j];
                }
            }
        }

        var matrix = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var p = 0; p < n; p++)
                {
                    sum += q[i * n + p] * d[p] * q[j * n + p];
                }

                matrix[i * n + j] = sum;
            }
        }

        return matrix;
    }
}
