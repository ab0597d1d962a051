namespace Orchestrator.Numerics.RandomFeatures;

/// <summary>
/// Settings of the random-feature optimizers; each optimizer reads the ones it uses. Defaults are SCIENCE.md's.
/// </summary>
public sealed record OptimizerSettings
{
    /// <summary>Heavy-ball momentum μ (<c>momentum</c>).</summary>
    public double Momentum { get; init; } = 0.9;
    /// <summary>Adam β1.</summary>
    public double Beta1 { get; init; } = 0.9;
    /// <summary>Adam β2.</summary>
    public double Beta2 { get; init; } = 0.999;
    /// <summary>Adam ε.</summary>
    public double Epsilon { get; init; } = 1e-8;
    /// <summary>Relative damping: δ = damping × κ_max, for the natural-gradient family.</summary>
    public double Damping { get; init; } = 1e-8;
    /// <summary>Preconditioner exponent γ of <c>ng-power</c>: P = (H + δI)^(-γ).</summary>
    public double Gamma { get; init; } = 0.5;
}
