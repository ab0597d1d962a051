namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The spectral diagnostic: GD after T steps learns the modes with η κ_i T ≳ 1; with κ_i = i^(−s) (so κ₁ = 1 on the
/// normalised spectrum) that is the top k_GD ≈ (η κ₁ T)^(1/s) modes. Advanced optimizers pay off when N_max / k_GD ≫ 1.
/// </summary>
public static class SpectralDiagnostics
{
    /// <summary>k_GD = (η κ₁ T)^(1/s); null unless all inputs are positive and the result is finite.</summary>
    /// <param name="steps">Training steps T.</param>
    /// <param name="spectrum">Spectral exponent s of λ_k = k^(−s).</param>
    /// <param name="etaKappa1">η κ₁: with <c>lr: auto</c> exactly lr_scale·K/2 for GD; 1 is the conventional reading.</param>
    public static double? ModesLearnedByGd(int steps, double spectrum, double etaKappa1 = 1.0) =>
        steps > 0 && spectrum > 0 && etaKappa1 > 0 ? Finite.OrNull(Math.Pow(etaKappa1 * steps, 1 / spectrum)) : null;

    /// <summary>The diagnostic record for a spectrum whose largest model size is <paramref name="maxSize"/>.</summary>
    public static SpectralDiagnostic Compute(double spectrum, int maxSize, int steps, double etaKappa1 = 1.0)
    {
        double? kGd = ModesLearnedByGd(steps, spectrum, etaKappa1);
        return new SpectralDiagnostic
        {
            Spectrum = spectrum,
            Steps = steps,
            EtaKappa1 = etaKappa1,
            MaxSize = maxSize,
            KGd = kGd,
            Ratio = kGd is { } k ? Finite.OrNull(maxSize / k) : null,
        };
    }
}
