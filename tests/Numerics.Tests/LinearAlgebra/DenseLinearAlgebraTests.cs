using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Random;
using Xunit;

namespace Orchestrator.Numerics.Tests.LinearAlgebra;

[Collection(KernelParallelismCollection.Name)]
public sealed class DenseLinearAlgebraTests
{
    public static TheoryData<string> Providers => new() { "managed", "default", "dsyevd" };

    /// <summary>Row counts on both sides of the native row-by-row (dgemv) threshold.</summary>
    public static TheoryData<string, int> ProvidersAndRows => new()
    {
        { "managed", 1 }, { "managed", 7 }, { "default", 1 }, { "default", 3 }, { "default", 7 },
    };

    private static IDenseLinearAlgebra Provider(string name) =>
        name switch
        {
            "managed" => ManagedDenseLinearAlgebra.Instance,
            "dsyevd" when NativeBlas.IsAvailable => NativeDenseLinearAlgebra.WithDivideAndConquer,
            _ => DenseLinearAlgebra.Default,
        };

    private static double[] RandomMatrix(int rows, int cols, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var a = new double[rows * cols];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = rng.NextStandardNormal();
        }

        return a;
    }

    private static double At(double[] a, int cols, int i, int j) => a[i * cols + j];

    [Theory]
    [MemberData(nameof(ProvidersAndRows))]
    public void MultiplyMatchesTheDefinitionForEveryTransposition(string provider, int m)
    {
        var algebra = Provider(provider);
        const int n = 5, k = 9;
        foreach (var transposeA in new[] { false, true })
        {
            foreach (var transposeB in new[] { false, true })
            {
                var a = RandomMatrix(m, k, 1); // stored m×k, or k×m when transposed
                var b = RandomMatrix(k, n, 2);
                var c = RandomMatrix(m, n, 3);
                var expected = new double[m * n];
                for (var i = 0; i < m; i++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        var sum = 0.0;
                        for (var p = 0; p < k; p++)
                        {
                            var aip = transposeA ? At(a, m, p, i) : At(a, k, i, p);
                            var bpj = transposeB ? At(b, k, j, p) : At(b, n, p, j);
                            sum += aip * bpj;
                        }

                        expected[i * n + j] = 1.5 * sum - 0.5 * c[i * n + j];
                    }
                }

                algebra.Multiply(transposeA, transposeB, m, n, k, 1.5, a, b, -0.5, c);
                for (var i = 0; i < expected.Length; i++)
                {
                    Assert.Equal(expected[i], c[i], 1e-12);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(ProvidersAndRows))]
    public void MultiplySymmetricMatchesTheGeneralProduct(string provider, int m)
    {
        var algebra = Provider(provider);
        const int n = 23;
        var g = RandomMatrix(n, n, 4);
        var s = new double[n * n];
        algebra.SymmetricRankUpdate(n, n, 1.0, g, 0.0, s);
        DenseMatrix.SymmetrizeFromLower(n, s);
        var a = RandomMatrix(m, n, 5);
        var expected = new double[m * n];
        var actual = new double[m * n];

        ManagedDenseLinearAlgebra.Instance.Multiply(false, false, m, n, n, 1.0, a, s, 0.0, expected);
        algebra.MultiplySymmetric(m, n, a, s, actual);

        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-12 * Math.Max(1, Math.Abs(expected[i])));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void SymmetricRankUpdateFillsTheLowerTriangle(string provider)
    {
        var algebra = Provider(provider);
        const int n = 11, k = 6;
        var a = RandomMatrix(n, k, 4);
        var c = RandomMatrix(n, n, 5);
        var original = (double[])c.Clone();
        algebra.SymmetricRankUpdate(n, k, 2.0, a, 1.0, c);
        DenseMatrix.SymmetrizeFromLower(n, c);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var dot = 0.0;
                for (var p = 0; p < k; p++)
                {
                    dot += a[i * k + p] * a[j * k + p];
                }

                Assert.Equal(2.0 * dot + original[i * n + j], c[i * n + j], 1e-12);
                Assert.Equal(c[i * n + j], c[j * n + i]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void EigendecompositionReconstructsTheMatrixWithOrthonormalVectors(string provider)
    {
        var algebra = Provider(provider);
        const int n = 40;
        var g = RandomMatrix(n, n, 6);
        var h = new double[n * n];
        algebra.SymmetricRankUpdate(n, n, 1.0, g, 0.0, h);
        DenseMatrix.SymmetrizeFromLower(n, h);
        var copy = (double[])h.Clone();

        var eigen = algebra.Eigendecompose(n, h);

        Assert.Equal(copy, h); // input untouched
        for (var i = 1; i < n; i++)
        {
            Assert.True(eigen.Eigenvalues[i - 1] <= eigen.Eigenvalues[i]);
        }

        var u = eigen.Eigenvectors; // row i = u_i
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double reconstructed = 0, gram = 0;
                for (var p = 0; p < n; p++)
                {
                    reconstructed += eigen.Eigenvalues[p] * u[p * n + i] * u[p * n + j];
                    gram += u[i * n + p] * u[j * n + p];
                }

                Assert.Equal(h[i * n + j], reconstructed, 1e-9);
                Assert.Equal(i == j ? 1.0 : 0.0, gram, 1e-12);
            }
        }
    }

    [Fact]
    public void NativeAndManagedAgreeToRounding()
    {
        var native = DenseLinearAlgebra.Default;
        var managed = ManagedDenseLinearAlgebra.Instance;
        const int n = 64, k = 300;
        var a = RandomMatrix(n, k, 8);
        var hNative = new double[n * n];
        var hManaged = new double[n * n];
        native.SymmetricRankUpdate(n, k, 1.0 / k, a, 0.0, hNative);
        managed.SymmetricRankUpdate(n, k, 1.0 / k, a, 0.0, hManaged);
        DenseMatrix.SymmetrizeFromLower(n, hNative);
        DenseMatrix.SymmetrizeFromLower(n, hManaged);
        for (var i = 0; i < hNative.Length; i++)
        {
            Assert.Equal(hManaged[i], hNative[i], 1e-13);
        }

        var eManaged = managed.Eigendecompose(n, hNative);
        var natives = NativeBlas.IsAvailable
            ? new[] { native.Eigendecompose(n, hNative), NativeDenseLinearAlgebra.EigendecomposeDivideAndConquer(n, hNative) }
            : [native.Eigendecompose(n, hNative)];
        foreach (var eNative in natives)
        {
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(eManaged.Eigenvalues[i], eNative.Eigenvalues[i], 1e-12 * eManaged.LargestEigenvalue);
            }
        }
    }

    [Theory]
    [InlineData(16, 56, 300)] // shapes whose OpenBLAS-threaded dgemm results change with the thread count
    [InlineData(56, 16, 300)]
    [InlineData(5, 1024, 1024)]
    [InlineData(3, 2000, 700)]
    [InlineData(384, 384, 512)]
    public void ResultsAreBitIdenticalForOneAndTwoThreads(int m, int n, int k)
    {
        var algebra = DenseLinearAlgebra.Default;
        var a = RandomMatrix(m, k, 9);
        var b = RandomMatrix(k, n, 10);
        var bt = RandomMatrix(n, k, 11);
        var before = KernelParallelism.MaxThreads;
        try
        {
            var results = new List<double[][]>();
            foreach (var threads in new[] { 1, 2, 1, 2 })
            {
                KernelParallelism.MaxThreads = threads;
                var product = new double[m * n];
                algebra.Multiply(false, false, m, n, k, 1.0, a, b, 0.0, product);
                var productTransposed = new double[m * n];
                algebra.Multiply(false, true, m, n, k, 1.0, a, bt, 0.0, productTransposed);
                var gram = new double[m * m];
                algebra.SymmetricRankUpdate(m, k, 1.0, a, 0.0, gram);
                results.Add([product, productTransposed, gram]);
            }

            foreach (var result in results.Skip(1))
            {
                for (var i = 0; i < result.Length; i++)
                {
                    Assert.Equal(results[0][i], result[i]);
                }
            }
        }
        finally
        {
            KernelParallelism.MaxThreads = before;
        }
    }

    [Fact]
    public void EigendecompositionIsBitIdenticalForOneAndTwoThreads()
    {
        var algebra = DenseLinearAlgebra.Default;
        const int n = 300;
        var g = RandomMatrix(n, n, 12);
        var h = new double[n * n];
        algebra.SymmetricRankUpdate(n, n, 1.0, g, 0.0, h);
        DenseMatrix.SymmetrizeFromLower(n, h);
        var before = KernelParallelism.MaxThreads;
        try
        {
            KernelParallelism.MaxThreads = 1;
            var one = algebra.Eigendecompose(n, h);
            KernelParallelism.MaxThreads = 2;
            var two = algebra.Eigendecompose(n, h);
            Assert.Equal(one.Eigenvalues, two.Eigenvalues);
            Assert.Equal(one.Eigenvectors, two.Eigenvectors);
        }
        finally
        {
            KernelParallelism.MaxThreads = before;
        }
    }

    [Fact]
    public void TheDefaultIsNativeWhenTheLibraryLoadsUnlessManagedIsRequested() =>
        Assert.Equal(
            NativeBlas.IsAvailable && Environment.GetEnvironmentVariable(DenseLinearAlgebra.ProviderVariable) != "managed"
                ? "openblas" : "managed",
            DenseLinearAlgebra.Default.Name);
}
