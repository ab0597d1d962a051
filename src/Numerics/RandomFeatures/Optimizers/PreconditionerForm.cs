namespace Orchestrator.Numerics.RandomFeatures.Optimizers;

/// <summary>
/// What an optimizer's fixed preconditioner P is as a matrix, which decides whether it can be applied without H's
/// eigenbasis.
/// </summary>
public enum PreconditionerForm
{
    /// <summary>P = I, or no fixed preconditioner at all: the update needs nothing of H.</summary>
    Identity,

    /// <summary>P = (H + δI)⁻¹, δ = damping × κ_max: applied by a Cholesky factor and one solve per step.</summary>
    DampedInverse,

    /// <summary>Any other function of H's spectrum: applied in H's eigenbasis only.</summary>
    Spectral,
}
