namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Anderson acceleration (depth 2) of a fixed-point iteration in (E, A): from the last three steps xᵢ → gᵢ = G(xᵢ),
/// with residuals fᵢ = gᵢ − xᵢ, the point g − ΔG·γ where ΔF·γ = f (ΔF, ΔG the differences of consecutive residuals and
/// images), or depth 1 (the secant) when the steps lie along one line. For a linear map in two variables it is the
/// exact fixed point; the caller keeps it only when it helps. Negative coordinates are clipped to 0 (E, A ≥ 0).
/// </summary>
internal sealed class AndersonSteps
{
    private readonly (double X1, double X2, double G1, double G2)[] _steps = new (double, double, double, double)[3];
    private int _count;

    /// <summary>Records the step (x1, x2) → (g1, g2).</summary>
    public void Add(double x1, double x2, double g1, double g2)
    {
        _steps[0] = _steps[1];
        _steps[1] = _steps[2];
        _steps[2] = (x1, x2, g1, g2);
        _count = Math.Min(_count + 1, 3);
    }

    /// <summary>Forgets the steps (after a jump, the old ones no longer describe the map near the iterate).</summary>
    public void Clear() => _count = 0;

    /// <summary>True when the last two steps point the same way (cosine over 0.9): the iteration is sliding, not converging.</summary>
    public bool Aligned()
    {
        if (_count < 2)
        {
            return false;
        }

        var (b, c) = (_steps[1], _steps[2]);
        double u1 = b.G1 - b.X1, u2 = b.G2 - b.X2, v1 = c.G1 - c.X1, v2 = c.G2 - c.X2;
        double dot = u1 * v1 + u2 * v2;
        return dot > 0 && dot * dot > 0.81 * (u1 * u1 + u2 * u2) * (v1 * v1 + v2 * v2);
    }

    /// <summary>The extrapolated point, or null with fewer than three steps or none of them moving.</summary>
    public (double E, double A)? Extrapolate()
    {
        if (_count < 3)
        {
            return null;
        }

        var (a, b, c) = (_steps[0], _steps[1], _steps[2]);
        double f1 = c.G1 - c.X1, f2 = c.G2 - c.X2;
        double p1 = f1 - (b.G1 - b.X1), p2 = f2 - (b.G2 - b.X2);
        double q1 = (b.G1 - b.X1) - (a.G1 - a.X1), q2 = (b.G2 - b.X2) - (a.G2 - a.X2);
        double det = p1 * q2 - p2 * q1;
        double pp = p1 * p1 + p2 * p2;
        double gamma1, gamma2;
        if (Math.Abs(det) > 1e-6 * Math.Sqrt(pp * (q1 * q1 + q2 * q2)))
        {
            // [p q] γ = f by Cramer's rule.
            gamma1 = (f1 * q2 - f2 * q1) / det;
            gamma2 = (p1 * f2 - p2 * f1) / det;
        }
        else if (pp > 0)
        {
            // The steps are (nearly) along one line, as when one direction has converged: depth 1, the secant.
            gamma1 = (f1 * p1 + f2 * p2) / pp;
            gamma2 = 0;
        }
        else
        {
            return null;
        }

        // The jump is g − γ₁ (g_c − g_b) − γ₂ (g_b − g_a).
        double e = c.G1 - gamma1 * (c.G1 - b.G1) - gamma2 * (b.G1 - a.G1);
        double amplitude = c.G2 - gamma1 * (c.G2 - b.G2) - gamma2 * (b.G2 - a.G2);
        return double.IsFinite(e) && double.IsFinite(amplitude) ? (Math.Max(e, 0), Math.Max(amplitude, 0)) : null;
    }
}
