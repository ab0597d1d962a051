namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>Small helpers on row-major square matrices stored in <c>double[]</c>.</summary>
public static class DenseMatrix
{
    /// <summary>Copies the lower triangle onto the upper one, so the array holds the full symmetric matrix.</summary>
    public static void SymmetrizeFromLower(int n, double[] c)
    {
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                c[(long)j * n + i] = c[(long)i * n + j];
            }
        }
    }

    /// <summary>Flops of a general product: 2mnk (one multiply and one add per term).</summary>
    public static double MultiplyFlops(int m, int n, int k) => 2.0 * m * n * (double)k;

    /// <summary>Flops of a symmetric rank-k update of an n×n matrix, one triangle: n(n+1)k.</summary>
    public static double SymmetricRankUpdateFlops(int n, int k) => (double)n * (n + 1) * k;
}
