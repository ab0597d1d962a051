namespace Orchestrator.Numerics.SpectralRank;

/// <summary>Settings of the FFN optimizers; each optimizer reads the ones it uses.</summary>
public sealed record FfnOptimizerSettings
{
    /// <summary>AdamW β1.</summary>
    public double Beta1 { get; init; } = 0.9;
    /// <summary>AdamW β2.</summary>
    public double Beta2 { get; init; } = 0.95;
    /// <summary>AdamW ε.</summary>
    public double Epsilon { get; init; } = 1e-8;
    /// <summary>Momentum μ: Muon's Nesterov momentum, SGD's heavy-ball momentum (0 = plain SGD).</summary>
    public double Momentum { get; init; } = 0.95;
    /// <summary>Decoupled weight decay λ, applied by every optimizer as W ← W − η·λ·W.</summary>
    public double WeightDecay { get; init; }
    /// <summary>Newton–Schulz iterations of Muon's orthogonalisation.</summary>
    public int NewtonSchulzSteps { get; init; } = 5;
}
