namespace Orchestrator.Numerics.RandomFeatures;

/// <summary>
/// Everything that defines one random-feature training run (SCIENCE.md, experiment <c>random-features</c>).
/// Two equal runs produce bit-identical results.
/// </summary>
public sealed record RandomFeaturesRun
{
    /// <summary>Latent dimension M.</summary>
    public required int LatentDim { get; init; }
    /// <summary>Spectrum exponent s in λ_k = k^(-s).</summary>
    public required double Spectrum { get; init; }
    /// <summary>Target decay r: W* entries scaled by k^(-r/2).</summary>
    public double TargetDecay { get; init; }
    /// <summary>Number of outputs K.</summary>
    public int Outputs { get; init; } = 1;
    /// <summary>Model size N: number of random features.</summary>
    public required int Size { get; init; }
    /// <summary>Seed of the problem (features, target, data).</summary>
    public required int Seed { get; init; }
    /// <summary>Training steps T.</summary>
    public required int Steps { get; init; }
    /// <summary>Registered optimizer name (e.g. <c>gd</c>, <c>natural-gradient</c>).</summary>
    public required string Optimizer { get; init; }
    /// <summary>A fixed learning rate, or null for <c>auto</c> (η = lr_scale / κ'_max).</summary>
    public double? LearningRate { get; init; }
    /// <summary>Multiplier of the automatic learning rate.</summary>
    public double LearningRateScale { get; init; } = 1.0;
    public DataRegime Data { get; init; } = DataRegime.Population;
    public OptimizerSettings OptimizerSettings { get; init; } = new();
}
