using Orchestrator.Numerics.LinearAlgebra;

namespace Orchestrator.Numerics.SpectralRank.Optimizers;

/// <summary>
/// Muon's approximate orthogonalisation: X ← G/‖G‖_F, then per step A = XXᵀ, X ← aX + (bA + cA²)X with the quintic
/// coefficients (a, b, c) = (3.4445, −4.7750, 2.0315), on the orientation whose Gram matrix is the smaller one.
/// Each step maps every singular value σ to aσ + bσ³ + cσ⁵, which sends σ ∈ (0, 1] into roughly [0.7, 1.2] after five
/// steps unless σ was tiny (below about 1e-3 of ‖G‖_F): the result is close to U Vᵀ, not equal to it.
/// One instance holds the work arrays of one matrix shape, so that a step allocates nothing; not thread-safe.
/// </summary>
public sealed class NewtonSchulz
{
    public const double A = 3.4445;
    public const double B = -4.7750;
    public const double C = 2.0315;

    private readonly int _rows, _cols, _m, _n;
    private readonly bool _transpose;
    private readonly IDenseLinearAlgebra _algebra;
    private readonly double[] _gram, _polynomial;
    private double[] _x, _next;

    public NewtonSchulz(int rows, int cols, IDenseLinearAlgebra algebra)
    {
        _rows = rows;
        _cols = cols;
        _algebra = algebra;
        // Work on the wide orientation (m ≤ n), so that the Gram matrix A is m×m.
        _transpose = rows > cols;
        (_m, _n) = _transpose ? (cols, rows) : (rows, cols);
        _x = new double[(long)_m * _n];
        _next = new double[(long)_m * _n];
        _gram = new double[(long)_m * _m];
        _polynomial = new double[(long)_m * _m];
    }

    /// <summary>Bytes of the work arrays.</summary>
    public long Bytes => 8L * (2L * _x.Length + 2L * _gram.Length);

    /// <summary>
    /// Overwrites the rows×cols row-major <paramref name="matrix"/> with its orthogonalised form; a zero matrix stays
    /// zero. Returns the flops.
    /// </summary>
    public static double OrthogonalizeInPlace(double[] matrix, int rows, int cols, int steps, IDenseLinearAlgebra algebra) =>
        new NewtonSchulz(rows, cols, algebra).OrthogonalizeInPlace(matrix, steps);

    /// <inheritdoc cref="OrthogonalizeInPlace(double[], int, int, int, IDenseLinearAlgebra)"/>
    public double OrthogonalizeInPlace(double[] matrix, int steps)
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

        Copy(matrix, _x, 1.0 / norm, toWide: true);
        for (var step = 0; step < steps; step++)
        {
            _algebra.SymmetricRankUpdate(_m, _n, 1.0, _x, 0.0, _gram);
            DenseMatrix.SymmetrizeFromLower(_m, _gram);
            // B = bA + cA² (A symmetric, so A·A is formed by one product).
            _algebra.Multiply(false, false, _m, _m, _m, C, _gram, _gram, 0.0, _polynomial);
            for (var i = 0; i < _polynomial.Length; i++)
            {
                _polynomial[i] += B * _gram[i];
            }

            Array.Copy(_x, _next, _x.Length);
            _algebra.Multiply(false, false, _m, _n, _m, 1.0, _polynomial, _x, A, _next);
            (_x, _next) = (_next, _x);
        }

        Copy(_x, matrix, 1.0, toWide: false);
        return 3.0 * matrix.Length + steps * (DenseMatrix.SymmetricRankUpdateFlops(_m, _n) + DenseMatrix.MultiplyFlops(_m, _m, _m)
            + 2.0 * _m * _m + DenseMatrix.MultiplyFlops(_m, _n, _m));
    }

    /// <summary>Copies between the rows×cols matrix and the m×n wide work array (transposing when needed), scaled.</summary>
    private void Copy(double[] from, double[] to, double scale, bool toWide)
    {
        if (!_transpose)
        {
            for (var i = 0; i < from.Length; i++)
            {
                to[i] = scale * from[i];
            }

            return;
        }

        for (var r = 0; r < _rows; r++)
        {
            for (var c = 0; c < _cols; c++)
            {
                long original = (long)r * _cols + c, wide = (long)c * _n + r;
                if (toWide)
                {
                    to[wide] = scale * from[original];
                }
                else
                {
                    to[original] = scale * from[wide];
                }
            }
        }
    }
}
