using Orchestrator.Numerics.LinearAlgebra;

namespace Orchestrator.Numerics.Tests.RandomFeatures;

/// <summary>
/// The default dense algebra, counting the products that read an n×n matrix of the given order: general ones
/// (<see cref="IDenseLinearAlgebra.Multiply"/> with an n×n right factor) and symmetric ones.
/// </summary>
internal sealed class ProductCountingAlgebra(int order) : IDenseLinearAlgebra
{
    private readonly IDenseLinearAlgebra _inner = DenseLinearAlgebra.Default;

    public int GeneralProducts { get; private set; }

    public int SymmetricProducts { get; private set; }

    public string Name => _inner.Name;

    public void Multiply(bool transposeA, bool transposeB, int m, int n, int k, double alpha, double[] a, double[] b,
        double beta, double[] c)
    {
        if (n == order && k == order)
        {
            GeneralProducts++;
        }

        _inner.Multiply(transposeA, transposeB, m, n, k, alpha, a, b, beta, c);
    }

    public void MultiplySymmetric(int m, int n, double[] a, double[] symmetric, double[] c)
    {
        if (n == order)
        {
            SymmetricProducts++;
        }

        _inner.MultiplySymmetric(m, n, a, symmetric, c);
    }

    public void SymmetricRankUpdate(int n, int k, double alpha, double[] a, double beta, double[] c) =>
        _inner.SymmetricRankUpdate(n, k, alpha, a, beta, c);

    public SymmetricEigendecomposition Eigendecompose(int n, double[] symmetric) => _inner.Eigendecompose(n, symmetric);

    public long EigendecompositionWorkspaceBytes(int n) => _inner.EigendecompositionWorkspaceBytes(n);

    public ICholeskyFactor FactorCholesky(int n, double[] symmetric, double shift, bool formInverse) =>
        _inner.FactorCholesky(n, symmetric, shift, formInverse);
}
