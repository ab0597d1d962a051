using Orchestrator.Numerics.Random;

namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>
/// The largest eigenvalue κ_max of a symmetric n×n matrix by the Lanczos method with full reorthogonalisation: one
/// matrix-vector product per iteration instead of an O(n³) eigendecomposition. The top Ritz value rises
/// monotonically to κ_max; iteration stops when it has stopped moving (two successive changes within a few units of
/// round-off), when the Krylov space becomes invariant, or after <see cref="BasisRows"/> iterations (exact then, in
/// exact arithmetic, when that is n). Agrees with a full eigensolver's κ_max to about 1e-14 relative on the
/// power-law spectra of this experiment (tested). The start vector is a fixed pseudo-random one, so the result is
/// a pure function of the matrix.
/// </summary>
public static class LanczosLargestEigenvalue
{
    /// <summary>Most iterations (and Krylov vectors kept) for a large matrix.</summary>
    public const int MaxIterations = 300;

    /// <summary>Seed of the start vector's stream.</summary>
    private const ulong StartSeed = 0x4C41_4E43_5A4F_5331UL;

    /// <summary>Relative change of the top Ritz value counted as round-off.</summary>
    private const double Stagnation = 8 * UnitRoundoff;

    private const double UnitRoundoff = 1.1102230246251565e-16;

    /// <summary>Stands in for a zero pivot of a Sturm count (LAPACK's pivmin idea).</summary>
    private const double PivotFloor = 1e-290;

    /// <summary>Krylov vectors kept: min(n, <see cref="MaxIterations"/>).</summary>
    public static int BasisRows(int n) => Math.Min(n, MaxIterations);

    /// <summary>Most bytes the method allocates: a full Krylov basis and two work vectors.</summary>
    public static long WorkBytes(int n) => 8L * (BasisRows(n) + 2) * n;

    /// <summary>κ_max of <paramref name="symmetric"/> (both triangles stored), with the iterations and flops it took.</summary>
    public static LargestEigenvalue Compute(int n, double[] symmetric, IDenseLinearAlgebra algebra,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var rows = BasisRows(n);
        // One array per Krylov vector, as many as the iterations take (10–20 typically, of up to 300): no
        // rows × n block left behind as large-object garbage.
        var basis = new List<double[]>();
        var current = new double[n];
        var product = new double[n];
        var alpha = new double[rows];
        var beta = new double[rows];

        var rng = new Xoshiro256StarStar(StartSeed);
        for (var i = 0; i < n; i++)
        {
            current[i] = rng.NextStandardNormal();
        }

        Scale(current, 1.0 / Math.Sqrt(Dot(current, current)));
        var flops = 3.0 * n;
        var top = double.NegativeInfinity;
        var stalled = 0;
        var iterations = 0;
        for (var j = 0; j < rows; j++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            basis.Add((double[])current.Clone());
            algebra.MultiplySymmetric(1, n, current, symmetric, product);
            iterations = j + 1;
            alpha[j] = Dot(current, product);
            // Full reorthogonalisation, twice ("twice is enough"), against every Krylov vector so far.
            for (var pass = 0; pass < 2; pass++)
            {
                for (var i = 0; i <= j; i++)
                {
                    var row = basis[i];
                    var coefficient = Dot(row, product);
                    Axpy(-coefficient, row, product);
                }
            }

            flops += DenseMatrix.MultiplyFlops(1, n, n) + 2.0 * n + 8.0 * n * (j + 1);
            var previous = top;
            top = LargestTridiagonalEigenvalue(alpha, beta, j + 1, previous);
            var norm = Math.Sqrt(Dot(product, product));
            flops += 2.0 * n;
            if (j + 1 == rows || norm <= n * UnitRoundoff * Math.Abs(top))
            {
                break; // the Krylov space is (numerically) invariant, or the basis is full
            }

            stalled = top - previous <= Stagnation * Math.Abs(top) ? stalled + 1 : 0;
            if (stalled >= 2)
            {
                break;
            }

            beta[j] = norm;
            for (var i = 0; i < n; i++)
            {
                current[i] = product[i] / norm;
            }
        }

        return new LargestEigenvalue(top, iterations, flops);
    }

    /// <summary>
    /// The largest eigenvalue of the m×m symmetric tridiagonal matrix (diagonal <paramref name="alpha"/>,
    /// off-diagonal <paramref name="beta"/>) by bisection on Sturm counts, from the lower bound
    /// <paramref name="lowerBound"/> (the previous top Ritz value, by interlacing) up to Gershgorin's bound.
    /// </summary>
    internal static double LargestTridiagonalEigenvalue(double[] alpha, double[] beta, int m, double lowerBound)
    {
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        for (var i = 0; i < m; i++)
        {
            var radius = (i > 0 ? Math.Abs(beta[i - 1]) : 0) + (i < m - 1 ? Math.Abs(beta[i]) : 0);
            low = Math.Min(low, alpha[i] - radius);
            high = Math.Max(high, alpha[i] + radius);
        }

        if (double.IsFinite(lowerBound))
        {
            low = Math.Max(low, Math.Min(lowerBound, high));
        }

        while (true)
        {
            var middle = 0.5 * (low + high);
            if (middle <= low || middle >= high || high - low <= 2 * UnitRoundoff * Math.Abs(middle))
            {
                return high;
            }

            // Eigenvalues below 'middle': the negative pivots of the LDLᵀ factorisation of T − middle·I.
            var below = 0;
            var pivot = 1.0;
            for (var i = 0; i < m; i++)
            {
                pivot = alpha[i] - middle - (i > 0 ? beta[i - 1] * beta[i - 1] / pivot : 0.0);
                if (pivot == 0.0)
                {
                    pivot = -PivotFloor;
                }

                if (pivot < 0)
                {
                    below++;
                }
            }

            if (below == m)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }

    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    private static void Scale(double[] x, double a)
    {
        for (var i = 0; i < x.Length; i++)
        {
            x[i] *= a;
        }
    }
}
