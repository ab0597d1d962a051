namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Exact two-variable non-negative least squares: minimise Σ wᵢ (zᵢ − aᵢ p − bᵢ q)² over p, q ≥ 0. The objective is
/// a convex quadratic, so its minimum is the unconstrained one when that is feasible and otherwise lies on an axis,
/// where it is the clipped one-dimensional minimiser; enumerating these active sets gives the exact answer with no
/// iteration.
/// </summary>
internal static class NonNegativeLeastSquares2
{
    public static (double P, double Q) Solve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> z, ReadOnlySpan<double> w)
    {
        double saa = 0, sab = 0, sbb = 0, saz = 0, sbz = 0;
        for (int i = 0; i < z.Length; i++)
        {
            double wa = w[i] * a[i], wb = w[i] * b[i];
            saa += wa * a[i];
            sab += wa * b[i];
            sbb += wb * b[i];
            saz += wa * z[i];
            sbz += wb * z[i];
        }

        return Solve(saa, sab, sbb, saz, sbz);
    }

    /// <summary>The same problem given its normal-equation sums.</summary>
    public static (double P, double Q) Solve(double saa, double sab, double sbb, double saz, double sbz)
    {
        double det = saa * sbb - sab * sab;

        // A relative threshold: nearly collinear columns make the interior solution meaningless, while the axis
        // solutions then reach the same minimum to rounding.
        if (det > 1e-12 * saa * sbb)
        {
            double p = (sbb * saz - sab * sbz) / det;
            double q = (saa * sbz - sab * saz) / det;
            if (p >= 0 && q >= 0)
            {
                return (p, q);
            }
        }

        double pOnly = saa > 0 ? Math.Max(0, saz / saa) : 0;
        double qOnly = sbb > 0 ? Math.Max(0, sbz / sbb) : 0;

        // Q(p, 0) − Szz = p²Saa − 2pSaz; Q(0, q) − Szz = q²Sbb − 2qSbz.
        double objectiveP = pOnly * pOnly * saa - 2 * pOnly * saz;
        double objectiveQ = qOnly * qOnly * sbb - 2 * qOnly * sbz;
        return objectiveQ < objectiveP ? (0, qOnly) : (pOnly, 0);
    }
}
