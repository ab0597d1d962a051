using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Random;
using Xunit;

namespace Orchestrator.Numerics.Tests.LinearAlgebra;

/// <summary>Solves through the Cholesky factor of H + δI, native and managed.</summary>
public sealed class CholeskyFactorTests
{
    public static TheoryData<string> Providers => new() { "managed", "default" };

    private static IDenseLinearAlgebra Provider(string name) =>
        name == "managed" ? ManagedDenseLinearAlgebra.Instance : DenseLinearAlgebra.Default;

    private static double[] SymmetricPositiveSemidefinite(int n, int rank, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var g = Enumerable.Range(0, n * rank).Select(_ => rng.NextStandardNormal()).ToArray();
        var h = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var p = 0; p < rank; p++)
                {
                    sum += g[i * rank + p] * g[j * rank + p];
                }

                h[i * n + j] = sum;
            }
        }

        return h;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void SolvesEveryRowAgainstTheShiftedMatrix(string provider)
    {
        const int n = 37, rows = 3;
        const double shift = 0.25;
        var h = SymmetricPositiveSemidefinite(n, 20, 5); // singular: only the shift makes it definite
        var rng = new Xoshiro256StarStar(6);
        var right = Enumerable.Range(0, rows * n).Select(_ => rng.NextStandardNormal()).ToArray();
        var solution = (double[])right.Clone();

        using var factor = Provider(provider).FactorCholesky(n, h, shift);
        var flops = factor.SolveRows(rows, solution);

        Assert.Equal(2.0 * rows * n * n, flops);
        Assert.Equal(8L * n * n, factor.Bytes);
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < n; j++)
            {
                // (x (H + δI))_j = r_j
                var sum = shift * solution[r * n + j];
                for (var i = 0; i < n; i++)
                {
                    sum += solution[r * n + i] * h[i * n + j];
                }

                Assert.Equal(right[r * n + j], sum, 1e-10);
            }
        }
    }

    [Fact]
    public void NativeAndManagedAgreeAndTheInputIsLeftAlone()
    {
        const int n = 64;
        var h = SymmetricPositiveSemidefinite(n, 80, 7);
        var copy = (double[])h.Clone();
        var right = Enumerable.Range(0, n).Select(i => Math.Sin(i)).ToArray();
        var native = (double[])right.Clone();
        var managed = (double[])right.Clone();

        using (var factor = DenseLinearAlgebra.Default.FactorCholesky(n, h, 1e-3))
        {
            factor.SolveRows(1, native);
        }

        using (var factor = ManagedDenseLinearAlgebra.Instance.FactorCholesky(n, h, 1e-3))
        {
            factor.SolveRows(1, managed);
        }

        Assert.Equal(copy, h);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(managed[i], native[i], 1e-10 * Math.Max(1, Math.Abs(managed[i])));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void AMatrixThatIsNotPositiveDefiniteIsRefused(string provider)
    {
        double[] indefinite = [1, 2, 2, 1]; // eigenvalues 3 and −1
        Assert.Throws<InvalidOperationException>(() => Provider(provider).FactorCholesky(2, indefinite, 0.0));
    }
}
