namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Fits L = E + A·N^(−α) + B·τ^(−β), E, A, B ≥ 0, to pooled curve points by minimising the sum of squared log
/// residuals with variable projection: for fixed (α, β) the coefficients are the inner problem
/// (<see cref="NonNegativeLogLeastSquares"/> with its time term), so only the profile g(α, β) is searched.
/// <para>
/// The point estimate scans a grid of (α, β) (each exponent over the α grid's range, at its bootstrap spacing; a fixed
/// exponent is one point) and polishes the best grid point by Newton's method on g. A bootstrap resample starts the
/// polish at the point estimate, with the full data's coefficients as the inner start: its data are close to the full
/// data, so a handful of Newton steps reach its minimum.
/// </para>
/// <para>
/// The polish uses g's exact gradient and Hessian. By the envelope theorem ∇g = ∂F/∂θ at the inner minimiser c*
/// (θ = the free exponents; a coefficient at its bound 0 stays there locally), and
/// ∇²g = F_θθ − F_θc F_cc⁻¹ F_cθ over the free exponents and the positive coefficients, where
/// F_pq = 2 Σ w [(1 + r) f_p f_q / f² − r f_pq / f] with f_α = −A·ln N·u, f_β = −B·ln τ·v and the second derivatives
/// f_Aα = −ln N·u, f_αα = A·ln²N·u, f_Bβ = −ln τ·v, f_ββ = B·ln²τ·v. Steps are damped (Levenberg–Marquardt on the
/// diagonal) until they lower g, kept inside the exponent range, and an exponent on its bound whose gradient pushes
/// outward is held there. The polish stops when a step moves no exponent by more than the tolerance.
/// </para>
/// An instance holds work buffers and is not thread-safe.
/// </summary>
internal sealed class SizeTimeLawFitter
{
    private const int MaxPolishIterations = 100;
    private const double MaxDamping = 1e12;

    private readonly double[] _x, _t;
    private readonly NonNegativeLogLeastSquares _inner;
    private readonly double _low, _high;

    /// <param name="logSizes">ln N per point.</param>
    /// <param name="logTaus">ln τ per point.</param>
    /// <param name="logLoss">Mean ln L per point.</param>
    /// <param name="weights">Weight per point (0 drops the point).</param>
    /// <param name="low">Smallest exponent searched.</param>
    /// <param name="high">Largest exponent searched.</param>
    public SizeTimeLawFitter(ReadOnlySpan<double> logSizes, ReadOnlySpan<double> logTaus, ReadOnlySpan<double> logLoss,
        ReadOnlySpan<double> weights, double low, double high)
    {
        _x = logSizes.ToArray();
        _t = logTaus.ToArray();
        _inner = new NonNegativeLogLeastSquares(logLoss, weights, timeTerm: true);
        _low = low;
        _high = high;
    }

    /// <summary>Replaces the point data (same points), so that one instance serves every bootstrap resample.</summary>
    public void SetData(ReadOnlySpan<double> logLoss, ReadOnlySpan<double> weights) => _inner.SetData(logLoss, weights);

    /// <summary>g(α, β) = min over E, A, B ≥ 0 of Σ w (ȳ − log(E + A N^(−α) + B τ^(−β)))², with the minimising coefficients.</summary>
    public (double Objective, LawCoefficients Coefficients) Profile(double alpha, double beta, LawCoefficients warm, bool linearStart)
    {
        var u = _inner.U;
        var v = _inner.V!;
        var x = _x;
        var t = _t;
        if (u.Length != x.Length || v.Length != x.Length || t.Length != x.Length)
        {
            throw new InvalidOperationException("The point arrays differ in length.");
        }

        // Points of one size share ln N, and so N^(−α): one exponential per run of equal ln N (the same value the
        // point's own exponential would give).
        double runX = double.NaN, runU = double.NaN;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] != runX)
            {
                runX = x[i];
                runU = Math.Exp(-alpha * runX);
            }

            u[i] = runU;
            v[i] = Math.Exp(-beta * t[i]);
        }

        return _inner.Solve(warm, linearStart);
    }

    /// <summary>
    /// The point estimate: the grid of <paramref name="alphas"/> × <paramref name="betas"/> (ascending; one point for
    /// a fixed exponent), each profile started from the better of the linear start and the previous β's solution,
    /// then the Newton polish from the best grid point to <paramref name="tolerance"/>.
    /// </summary>
    public SizeTimeLawEstimate Fit(double[] alphas, double[] betas, double tolerance)
    {
        var best = (Objective: double.PositiveInfinity, Coefficients: default(LawCoefficients));
        int bestAlpha = 0, bestBeta = 0;
        for (int i = 0; i < alphas.Length; i++)
        {
            var previous = default(LawCoefficients);
            for (int j = 0; j < betas.Length; j++)
            {
                var profile = Profile(alphas[i], betas[j], previous, linearStart: true);
                previous = profile.Coefficients;
                if (profile.Objective < best.Objective)
                {
                    best = profile;
                    (bestAlpha, bestBeta) = (i, j);
                }
            }
        }

        bool alphaFree = alphas.Length > 1, betaFree = betas.Length > 1;
        var polished = Polish(alphas[bestAlpha], betas[bestBeta], best.Objective, best.Coefficients, alphaFree, betaFree, tolerance, linearStart: true);
        return polished with
        {
            AlphaAtEdge = polished.AlphaAtEdge || (alphaFree && (bestAlpha == 0 || bestAlpha == alphas.Length - 1)),
            BetaAtEdge = polished.BetaAtEdge || (betaFree && (bestBeta == 0 || bestBeta == betas.Length - 1)),
        };
    }

    /// <summary>
    /// Newton's method on g from (<paramref name="alpha"/>, <paramref name="beta"/>), whose profile is
    /// <paramref name="objective"/> with <paramref name="coefficients"/>; an exponent that is not free stays put.
    /// Never returns a point worse than the start.
    /// </summary>
    public SizeTimeLawEstimate Polish(double alpha, double beta, double objective, LawCoefficients coefficients,
        bool alphaFree, bool betaFree, double tolerance, bool linearStart)
    {
        Span<double> theta = [alpha, beta];
        Span<bool> free = [alphaFree, betaFree];
        if (!double.IsFinite(objective) || (!alphaFree && !betaFree))
        {
            return Estimate(theta, coefficients, objective, free);
        }

        // The profile at the start may be stale (a resample's start is the full data's point): solve it here.
        var current = Profile(theta[0], theta[1], coefficients, linearStart);
        if (!double.IsFinite(current.Objective))
        {
            return Estimate(theta, coefficients, double.PositiveInfinity, free);
        }

        Span<double> gradient = stackalloc double[2];
        Span<double> hessian = stackalloc double[4];
        Span<double> step = stackalloc double[2];
        Span<bool> moving = stackalloc bool[2];
        double damping = 0;
        for (int iteration = 0; iteration < MaxPolishIterations; iteration++)
        {
            Derivatives(current.Coefficients, gradient, hessian);

            // Exponents on a bound whose gradient pushes outward stay there for this step.
            bool any = false;
            for (int k = 0; k < 2; k++)
            {
                moving[k] = free[k] && !((theta[k] <= _low && gradient[k] > 0) || (theta[k] >= _high && gradient[k] < 0));
                any |= moving[k];
            }

            if (!any)
            {
                break;
            }

            bool accepted = false, converged = false;
            while (damping <= MaxDamping)
            {
                if (!NewtonStep(gradient, hessian, moving, damping, step))
                {
                    damping = Math.Max(damping * 10, 1e-6);
                    continue;
                }

                double nextAlpha = Math.Clamp(theta[0] + step[0], _low, _high);
                double nextBeta = Math.Clamp(theta[1] + step[1], _low, _high);
                if (Math.Max(Math.Abs(nextAlpha - theta[0]), Math.Abs(nextBeta - theta[1])) <= tolerance)
                {
                    converged = true;
                    break;
                }

                var trial = Profile(nextAlpha, nextBeta, current.Coefficients, linearStart);
                if (trial.Objective < current.Objective)
                {
                    theta[0] = nextAlpha;
                    theta[1] = nextBeta;
                    current = trial;
                    damping = damping < 1e-6 ? 0 : damping / 10;
                    accepted = true;
                    break;
                }

                damping = Math.Max(damping * 10, 1e-6);
            }

            if (converged || !accepted)
            {
                break;
            }
        }

        // The inner solver's buffers may hold a rejected trial: the estimate is the accepted point's.
        return Estimate(theta, current.Coefficients, current.Objective, free);
    }

    private SizeTimeLawEstimate Estimate(ReadOnlySpan<double> theta, LawCoefficients coefficients, double objective, ReadOnlySpan<bool> free) =>
        new(theta[0], theta[1], coefficients, objective,
            free[0] && (theta[0] <= _low || theta[0] >= _high),
            free[1] && (theta[1] <= _low || theta[1] >= _high));

    /// <summary>
    /// Solves (H + μ·diag(H)) d = −∇g over the moving exponents (the others get d = 0); false when the damped matrix
    /// is not positive definite.
    /// </summary>
    private static bool NewtonStep(ReadOnlySpan<double> gradient, ReadOnlySpan<double> hessian, ReadOnlySpan<bool> moving, double damping, Span<double> step)
    {
        step.Clear();
        double h00 = hessian[0] + damping * Math.Max(Math.Abs(hessian[0]), 1e-12);
        double h11 = hessian[3] + damping * Math.Max(Math.Abs(hessian[3]), 1e-12);
        if (moving[0] && moving[1])
        {
            double h01 = hessian[1];
            double det = h00 * h11 - h01 * h01;
            if (!(h00 > 0) || !(det > 1e-14 * h00 * h11))
            {
                return false;
            }

            step[0] = (-gradient[0] * h11 + gradient[1] * h01) / det;
            step[1] = (-gradient[1] * h00 + gradient[0] * h01) / det;
            return true;
        }

        int k = moving[0] ? 0 : 1;
        double h = k == 0 ? h00 : h11;
        if (!(h > 0))
        {
            return false;
        }

        step[k] = -gradient[k] / h;
        return true;
    }

    /// <summary>
    /// ∇g and ∇²g (row-major 2×2, over α and β) at the inner solution just computed, which the inner solver's
    /// predictions and residuals still hold.
    /// </summary>
    private void Derivatives(LawCoefficients c, Span<double> gradient, Span<double> hessian)
    {
        // Parameters 0..4: E, A, B, α, β. The full Hessian of F, halved (the factor 2 cancels in the Newton step).
        // The sums are kept in locals, the upper triangle h_pq (q ≥ p) term by term in point order.
        Span<double> h = stackalloc double[25];
        var f = _inner.Predictions;
        var r = _inner.Residuals;
        var w = _inner.Weights;
        var u = _inner.U;
        var v = _inner.V!;
        var x = _x;
        var t = _t;
        int n = x.Length;
        if (f.Length != n || r.Length != n || w.Length != n || u.Length != n || v.Length != n || t.Length != n)
        {
            throw new InvalidOperationException("The point arrays differ in length.");
        }

        double coefficientA = c.A, coefficientB = c.B;
        // ∇g is ∂F/∂θ over the exponents alone (the envelope theorem): the coefficients' part is not needed.
        double g3 = 0, g4 = 0;
        double h00 = 0, h01 = 0, h02 = 0, h03 = 0, h04 = 0, h11 = 0, h12 = 0, h13 = 0, h14 = 0;
        double h22 = 0, h23 = 0, h24 = 0, h33 = 0, h34 = 0, h44 = 0;
        for (int i = 0; i < n; i++)
        {
            if (w[i] == 0)
            {
                continue;
            }

            double inverse = 1 / f[i], ri = r[i], wi = w[i];
            double xu = x[i] * u[i], tv = t[i] * v[i];
            double d0 = inverse, d1 = u[i] * inverse, d2 = v[i] * inverse;
            double d3 = -coefficientA * xu * inverse, d4 = -coefficientB * tv * inverse;
            double outer = wi * (1 + ri), wri = wi * ri;
            g3 -= wri * d3;
            g4 -= wri * d4;
            double o0 = outer * d0, o1 = outer * d1, o2 = outer * d2, o3 = outer * d3, o4 = outer * d4;
            h00 += o0 * d0;
            h01 += o0 * d1;
            h02 += o0 * d2;
            h03 += o0 * d3;
            h04 += o0 * d4;
            h11 += o1 * d1;
            h12 += o1 * d2;
            h13 += o1 * d3;
            h14 += o1 * d4;
            h22 += o2 * d2;
            h23 += o2 * d3;
            h24 += o2 * d4;
            h33 += o3 * d3;
            h34 += o3 * d4;
            h44 += o4 * d4;

            // − r f_pq / f, for the non-zero second derivatives of f.
            double wr = wri * inverse;
            h13 += wr * xu;
            h33 -= wr * coefficientA * x[i] * xu;
            h24 += wr * tv;
            h44 -= wr * coefficientB * t[i] * tv;
        }

        (h[0], h[1], h[2], h[3], h[4]) = (h00, h01, h02, h03, h04);
        (h[6], h[7], h[8], h[9]) = (h11, h12, h13, h14);
        (h[12], h[13], h[14]) = (h22, h23, h24);
        (h[18], h[19]) = (h33, h34);
        h[24] = h44;
        for (int p = 0; p < 5; p++)
        {
            for (int q = 0; q < p; q++)
            {
                h[5 * p + q] = h[5 * q + p];
            }
        }

        // Reduce over the positive coefficients: H_θθ − H_θc H_cc⁻¹ H_cθ, by eliminating them one at a time
        // (a Schur complement; a pivot that is not positive leaves its coefficient out, as Gauss–Newton would).
        Span<bool> positive = [c.E > 0, c.A > 0, c.B > 0];
        for (int k = 0; k < 3; k++)
        {
            double pivot = h[5 * k + k];
            if (!positive[k] || !(pivot > 0))
            {
                continue;
            }

            for (int p = 0; p < 5; p++)
            {
                if (p == k)
                {
                    continue;
                }

                double factor = h[5 * p + k] / pivot;
                if (factor == 0)
                {
                    continue;
                }

                for (int q = 0; q < 5; q++)
                {
                    h[5 * p + q] -= factor * h[5 * k + q];
                }
            }
        }

        gradient[0] = g3;
        gradient[1] = g4;
        hessian[0] = h[5 * 3 + 3];
        hessian[1] = h[5 * 3 + 4];
        hessian[2] = h[5 * 4 + 3];
        hessian[3] = h[5 * 4 + 4];
    }
}
