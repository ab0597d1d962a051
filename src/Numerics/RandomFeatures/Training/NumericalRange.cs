namespace Orchestrator.Numerics.RandomFeatures.Training;

/// <summary>
/// Separates H's numerical range from its numerical null space. Eigenvalues at or below n·ε·κ_max are rounding
/// noise (a rank-deficient empirical Hessian has them whenever D &lt; N): they are set to exactly 0 and the target's
/// component B̃ there, itself rounding noise, is dropped. Without this, a damped preconditioner (κ + δ)^(−γ)
/// amplifies round-off by δ^(−γ) and results would depend on the last bits of the eigensolver.
/// </summary>
internal static class NumericalRange
{
    /// <summary>Eigenvalues with the noise floor clamped to 0 (also removes tiny negative values).</summary>
    public static double[] Eigenvalues(double[] eigenvalues)
    {
        var largest = eigenvalues.Length == 0 ? 0.0 : Math.Max(eigenvalues[^1], 0.0);
        var threshold = eigenvalues.Length * 2.220446049250313e-16 * largest;
        return eigenvalues.Select(value => value > threshold ? value : 0.0).ToArray();
    }

    /// <summary>Zeroes the columns of the K×N rotated cross term that lie in the numerical null space.</summary>
    public static void ProjectCross(double[] clampedEigenvalues, double[] rotatedCross)
    {
        var n = clampedEigenvalues.Length;
        for (var i = 0; i < n; i++)
        {
            if (clampedEigenvalues[i] == 0.0)
            {
                for (var offset = i; offset < rotatedCross.Length; offset += n)
                {
                    rotatedCross[offset] = 0.0;
                }
            }
        }
    }
}
