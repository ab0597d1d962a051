namespace Orchestrator.Numerics.RandomFeatures.Optimizers;

/// <summary>Eigenvalues of P = (H + δI)^(−γ) with δ = damping × κ_max.</summary>
internal static class PowerPreconditioner
{
    public static double Eigenvalue(double kappa, double largestKappa, double damping, double gamma)
    {
        // Round-off can leave tiny negative eigenvalues of a PSD H; they are zero.
        var shifted = Math.Max(kappa, 0.0) + damping * largestKappa;
        return Math.Pow(shifted, -gamma);
    }
}
