using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Random;
using Xunit;

namespace Orchestrator.Numerics.Tests.LinearAlgebra;

/// <summary>Solves through the Cholesky factor of H + δI (or the inverse formed from it), native and managed.</summary>
[Collection(KernelParallelismCollection.Name)]
public sealed class CholeskyFactorTests
{
    public static TheoryData<string> Providers => new() { "managed", "default" };

    public static TheoryData<string, bool> ProvidersAndForms => new()
    {
        { "managed", false }, { "managed", true }, { "default", false }, { "default", true },
    };

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
    [MemberData(nameof(ProvidersAndForms))]
    public void SolvesEveryRowAgainstTheShiftedMatrix(string provider, bool formInverse)
    {
        const int n = 37, rows = 3;
        const double shift = 0.25;
        var h = SymmetricPositiveSemidefinite(n, 20, 5); // singular: only the shift makes it definite
        var rng = new Xoshiro256StarStar(6);
        var right = Enumerable.Range(0, rows * n).Select(_ => rng.NextStandardNormal()).ToArray();
        var solution = (double[])right.Clone();

        using var factor = Provider(provider).FactorCholesky(n, h, shift, formInverse);
        var flops = factor.SolveRows(rows, solution);

        Assert.Equal(formInverse, factor.HoldsInverse);
        Assert.Equal((formInverse ? 1.0 : 1.0 / 3.0) * n * n * n, factor.FactorFlops);
        Assert.Equal(2.0 * rows * n * n, flops);
        Assert.Equal(8L * n * n, factor.Bytes);
        AssertSolves(n, rows, h, shift, right, solution, 1e-10);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheBlockedFactorSolvesAcrossSeveralBlocksAndAgreesWithTheManagedOne(bool formInverse)
    {
        // Three blocks and a remainder, with panels and trailing updates large enough to be split into pieces.
        const int n = 2 * BlockedCholesky.BlockSize + 150, rows = 2;
        const double shift = 1.0; // well conditioned, so the two factorisations agree to rounding
        var h = SymmetricPositiveSemidefinite(n, n / 2, 11);
        var rng = new Xoshiro256StarStar(12);
        var right = Enumerable.Range(0, rows * n).Select(_ => rng.NextStandardNormal()).ToArray();
        var native = (double[])right.Clone();
        var managed = (double[])right.Clone();

        using (var factor = DenseLinearAlgebra.Default.FactorCholesky(n, h, shift, formInverse))
        {
            factor.SolveRows(rows, native);
        }

        using (var factor = ManagedDenseLinearAlgebra.Instance.FactorCholesky(n, h, shift, formInverse))
        {
            factor.SolveRows(rows, managed);
        }

        AssertSolves(n, rows, h, shift, right, native, 1e-10);
        var largest = managed.Max(Math.Abs);
        for (var i = 0; i < native.Length; i++)
        {
            Assert.True(Math.Abs(managed[i] - native[i]) <= 1e-10 * largest, $"entry {i}: native {native[i]:R}, managed {managed[i]:R}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheNativeFactorDoesNotDependOnTheKernelThreadBound(bool formInverse)
    {
        const int n = 3 * BlockedCholesky.BlockSize + 40;
        var h = SymmetricPositiveSemidefinite(n, n, 13);
        var right = Enumerable.Range(0, n).Select(i => Math.Cos(i)).ToArray();
        var solutions = new List<double[]>();
        var before = KernelParallelism.MaxThreads;
        try
        {
            foreach (var threads in new[] { 1, 2, 4 })
            {
                KernelParallelism.MaxThreads = threads;
                var solution = (double[])right.Clone();
                using var factor = DenseLinearAlgebra.Default.FactorCholesky(n, h, 1e-6, formInverse);
                factor.SolveRows(1, solution);
                solutions.Add(solution);
            }
        }
        finally
        {
            KernelParallelism.MaxThreads = before;
        }

        Assert.Equal(solutions[0], solutions[1]);
        Assert.Equal(solutions[0], solutions[2]);
    }

    [Fact]
    public void AMatrixThatStopsBeingDefiniteInALaterBlockIsRefused()
    {
        // Definite up to its last rows: the failure shows up in the last block's diagonal factor.
        const int n = BlockedCholesky.BlockSize + 20;
        var h = SymmetricPositiveSemidefinite(n, n, 14);
        h[(n - 1) * n + n - 1] = -1e6;
        Assert.Throws<InvalidOperationException>(() => DenseLinearAlgebra.Default.FactorCholesky(n, h, 0.0, false));
    }

    /// <summary>(x (H + δI))_j = r_j for every row and column, to <paramref name="tolerance"/> of the largest |r|.</summary>
    private static void AssertSolves(int n, int rows, double[] h, double shift, double[] right, double[] solution, double tolerance)
    {
        var scale = right.Max(Math.Abs);
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = shift * solution[r * n + j];
                for (var i = 0; i < n; i++)
                {
                    sum += solution[r * n + i] * h[i * n + j];
                }

                Assert.True(Math.Abs(right[r * n + j] - sum) <= tolerance * scale, $"row {r}, column {j}: {sum:R} against {right[r * n + j]:R}");
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

        using (var factor = DenseLinearAlgebra.Default.FactorCholesky(n, h, 1e-3, formInverse: false))
        {
            factor.SolveRows(1, native);
        }

        using (var factor = ManagedDenseLinearAlgebra.Instance.FactorCholesky(n, h, 1e-3, formInverse: false))
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
        Assert.Throws<InvalidOperationException>(() => Provider(provider).FactorCholesky(2, indefinite, 0.0, formInverse: false));
    }
}
