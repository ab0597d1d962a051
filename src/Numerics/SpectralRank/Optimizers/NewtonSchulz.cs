using Orchestrator.Numerics.LinearAlgebra;

namespace Orchestrator.Numerics.SpectralRank.Optimizers;

/// <summary>
/// Muon's approximate orthogonalisation: X ← G/‖G‖_F, then per step A = XXᵀ, X ← aX + (bA + cA²)X with the quintic
/// coefficients (a, b, c) = (3.4445, −4.7750, 2.0315), on the orientation whose Gram matrix is the smaller one.
/// Each step maps every singular value σ to aσ + bσ³ + cσ⁵, which sends σ ∈ (0, 1] into roughly [0.7, 1.2] after five
/// steps unless σ was tiny (below about 1e-3 of ‖G‖_F): the result is close to U Vᵀ, not equal to it.
/// </summary>
public static class NewtonSchulz
{
    public const double A = 3.4445;
    public const double B = -4.7750;
    public const double C = 2.0315;

    /// <summary>
    /// Overwrites the rows×cols row-major <paramref name="matrix"/> with its orthogonalised form; a zero matrix stays
    /// zero. Returns the flops.
    /// </summary>
    public static double OrthogonalizeInPlace(double[] matrix, int rows, int cols, int steps, IDenseLinearAlgebra algebra)
    {
        var norm = 0.0;
        foreach (var value in matrix)
        {
            norm += value * value;
        }

        norm = Math.Sqrt(norm);
        if (!(norm > 0))
        {
            return matrix.Length;
        }

        // Work on the wide orientation (m ≤ n), so that the Gram matrix A is m×m.
        var transpose = rows > cols;
        int m = transpose ? cols : rows, n = transpose ? rows : cols;
        var x = new double[(long)m * n];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                x[transpose ? (long)c * n + r : (long)r * n + c] = matrix[(long)r * cols + c] / norm;
            }
        }

        var gram = new double[(long)m * m];
        var polynomial = new double[(long)m * m];
        var next = new double[(long)m * n];
        for (var step = 0; step < steps; step++)
        {
            algebra.Multiply(false, true, m, m, n, 1.0, x, x, 0.0, gram);
            // B = bA + cA² (A symmetric, so A·A is formed by one product).
            algebra.Multiply(false, false, m, m, m, C, gram, gram, 0.0, polynomial);
            for (var i = 0; i < polynomial.Length; i++)
            {
                polynomial[i] += B * gram[i];
            }

            Array.Copy(x, next, x.Length);
            algebra.Multiply(false, false, m, n, m, 1.0, polynomial, x, A, next);
            (x, next) = (next, x);
        }

        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                matrix[(long)r * cols + c] = x[transpose ? (long)c * n + r : (long)r * n + c];
            }
        }

        return 3.0 * matrix.Length + steps * (DenseMatrix.MultiplyFlops(m, m, n) + DenseMatrix.MultiplyFlops(m, m, m)
            + 2.0 * m * m + DenseMatrix.MultiplyFlops(m, n, m));
    }
}
