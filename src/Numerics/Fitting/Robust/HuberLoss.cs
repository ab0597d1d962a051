namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The Huber loss of a log residual r: ρ(r) = r²/2 for |r| ≤ δ and δ(|r| − δ/2) beyond, quadratic near the law and
/// linear far from it, so that a few cells far off (a bad seed) pull the fit much less than under least squares.
/// With δ = 1e-3 on log residuals (the Chinchilla fits' choice) almost every residual is in the linear part: the fit
/// is close to least absolute deviations.
/// </summary>
public static class HuberLoss
{
    /// <summary>δ when none is given: 1e-3 in ln L (a relative loss error of 0.1%).</summary>
    public const double DefaultDelta = 1e-3;

    /// <summary>ρ(r).</summary>
    public static double Value(double residual, double delta)
    {
        double size = Math.Abs(residual);
        return size <= delta ? residual * residual / 2 : delta * (size - delta / 2);
    }

    /// <summary>
    /// ψ(r)/r = min(1, δ/|r|), the weight of iteratively reweighted least squares: minimising Σ ω(rₖ)·r²/2 with the
    /// weights of the current residuals rₖ never increases Σ ρ(r), since ρ is a concave function of r².
    /// </summary>
    public static double Weight(double residual, double delta)
    {
        double size = Math.Abs(residual);
        return size <= delta ? 1 : delta / size;
    }
}
