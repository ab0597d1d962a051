namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Exact three-variable non-negative least squares: minimise Σ wᵢ (zᵢ − aᵢ p − bᵢ q − cᵢ r)² over p, q, r ≥ 0. The
/// objective is a convex quadratic: its minimum is the unconstrained one when that is feasible; otherwise it lies on a
/// face of the orthant, where it is the two-variable problem of that face, solved exactly by
/// <see cref="NonNegativeLeastSquares2"/>. The best of the three faces is the answer; no iteration.
/// </summary>
internal static class NonNegativeLeastSquares3
{
    public static (double P, double Q, double R) Solve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c,
        ReadOnlySpan<double> z, ReadOnlySpan<double> w)
    {
        double saa = 0, sab = 0, sac = 0, sbb = 0, sbc = 0, scc = 0, saz = 0, sbz = 0, scz = 0;
        for (int i = 0; i < z.Length; i++)
        {
            double wa = w[i] * a[i], wb = w[i] * b[i], wc = w[i] * c[i];
            saa += wa * a[i];
            sab += wa * b[i];
            sac += wa * c[i];
            sbb += wb * b[i];
            sbc += wb * c[i];
            scc += wc * c[i];
            saz += wa * z[i];
            sbz += wb * z[i];
            scz += wc * z[i];
        }

        return Solve(saa, sab, sac, sbb, sbc, scc, saz, sbz, scz);
    }

    /// <summary>The same problem given its normal-equation sums (the symmetric matrix's upper triangle and the right-hand side).</summary>
    public static (double P, double Q, double R) Solve(double saa, double sab, double sac, double sbb, double sbc, double scc,
        double saz, double sbz, double scz)
    {
        if (IsPositiveDefinite(saa, sab, sac, sbb, sbc, scc))
        {
            // Cramer's rule with the cofactors of the symmetric matrix.
            double c00 = sbb * scc - sbc * sbc, c01 = sac * sbc - sab * scc, c02 = sab * sbc - sac * sbb;
            double c11 = saa * scc - sac * sac, c12 = sab * sac - saa * sbc, c22 = saa * sbb - sab * sab;
            double det = saa * c00 + sab * c01 + sac * c02;
            double p = (c00 * saz + c01 * sbz + c02 * scz) / det;
            double q = (c01 * saz + c11 * sbz + c12 * scz) / det;
            double r = (c02 * saz + c12 * sbz + c22 * scz) / det;
            if (p >= 0 && q >= 0 && r >= 0)
            {
                return (p, q, r);
            }
        }

        // Q(x) − Szz = xᵀ S x − 2 xᵀ s on each face; the first face wins ties.
        var (pq, qp) = NonNegativeLeastSquares2.Solve(saa, sab, sbb, saz, sbz);
        var (pr, rp) = NonNegativeLeastSquares2.Solve(saa, sac, scc, saz, scz);
        var (qr, rq) = NonNegativeLeastSquares2.Solve(sbb, sbc, scc, sbz, scz);
        double facePq = pq * pq * saa + 2 * pq * qp * sab + qp * qp * sbb - 2 * (pq * saz + qp * sbz);
        double facePr = pr * pr * saa + 2 * pr * rp * sac + rp * rp * scc - 2 * (pr * saz + rp * scz);
        double faceQr = qr * qr * sbb + 2 * qr * rq * sbc + rq * rq * scc - 2 * (qr * sbz + rq * scz);
        if (facePq <= facePr && facePq <= faceQr)
        {
            return (pq, qp, 0);
        }

        return facePr <= faceQr ? (pr, 0, rp) : (0, qr, rq);
    }

    /// <summary>
    /// Positive definite by its leading minors, each against a relative threshold like the two-variable solver's:
    /// nearly dependent columns make the interior solution meaningless, while a face then reaches the same minimum.
    /// </summary>
    public static bool IsPositiveDefinite(double saa, double sab, double sac, double sbb, double sbc, double scc)
    {
        if (!(saa > 0) || !(saa * sbb - sab * sab > 1e-12 * saa * sbb))
        {
            return false;
        }

        double det = saa * (sbb * scc - sbc * sbc) - sab * (sab * scc - sac * sbc) + sac * (sab * sbc - sac * sbb);
        return det > 1e-12 * saa * sbb * scc;
    }
}
