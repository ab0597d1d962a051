using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>The Cholesky factor by MathNet's managed provider (the fallback of <see cref="NativeCholeskyFactor"/>).</summary>
internal sealed class ManagedCholeskyFactor : ICholeskyFactor
{
    private Cholesky<double>? _factor;
    private Matrix<double>? _inverse;

    public ManagedCholeskyFactor(int n, double[] symmetric, double shift, bool formInverse)
    {
        Order = n;
        HoldsInverse = formInverse;
        // Symmetric, so the row-major array read column-major is the same matrix.
        var matrix = Matrix<double>.Build.Dense(n, n, (double[])symmetric.Clone());
        for (var i = 0; i < n; i++)
        {
            matrix[i, i] += shift;
        }

        try
        {
            _factor = matrix.Cholesky();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException("Cholesky factorisation failed: the matrix is not positive definite", ex);
        }

        if (formInverse)
        {
            _inverse = _factor.Solve(Matrix<double>.Build.DenseIdentity(n));
            _factor = null;
        }
    }

    public int Order { get; }

    public bool HoldsInverse { get; }

    public long Bytes => 8L * Order * Order;

    public double SolveRows(int rows, double[] right)
    {
        var n = Order;
        for (var r = 0; r < rows; r++)
        {
            var row = Vector<double>.Build.Dense(right.AsSpan(r * n, n).ToArray());
            var solution = HoldsInverse
                ? (_inverse ?? throw new ObjectDisposedException(nameof(ManagedCholeskyFactor))) * row
                : (_factor ?? throw new ObjectDisposedException(nameof(ManagedCholeskyFactor))).Solve(row);
            for (var i = 0; i < n; i++)
            {
                right[r * n + i] = solution[i];
            }
        }

        return 2.0 * rows * n * (double)n;
    }

    public void Dispose() => (_factor, _inverse) = (null, null);
}
