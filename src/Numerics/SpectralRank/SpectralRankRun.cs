using Orchestrator.Numerics.SpectralRank.Data;

namespace Orchestrator.Numerics.SpectralRank;

/// <summary>
/// Everything that defines one <c>ffn-spectral-rank</c> training run: the synthetic token task, the FFN width D,
/// the optimizer and its settings. Two equal runs produce bit-identical results. The defaults here are those of the
/// first variant (<see cref="FfnInput.Token"/>); the spec's defaults are the context variant's.
/// </summary>
public sealed record SpectralRankRun
{
    /// <summary>Vocabulary size V.</summary>
    public int Vocab { get; init; } = 512;
    /// <summary>Embedding dimension d (the FFN's input).</summary>
    public int EmbedDim { get; init; } = 64;
    /// <summary>What the FFN reads: the token's embedding, or a current token mixed with a context token.</summary>
    public FfnInput Input { get; init; } = FfnInput.Token;
    /// <summary>Weight ctx of the context token in u = e_t + ctx·e_c (<see cref="FfnInput.Context"/> only).</summary>
    public double ContextWeight { get; init; } = 1.0;
    /// <summary>Output dimension K of the target (and of the FFN).</summary>
    public int Outputs { get; init; } = 64;
    /// <summary>Hidden width of the random teacher that defines the targets.</summary>
    public int TeacherWidth { get; init; } = 256;
    /// <summary>Zipf exponent z of the token frequencies p_k ∝ k^(−z) (the sweep's <c>spectrum</c> axis).</summary>
    public required double Zipf { get; init; }
    /// <summary>FFN hidden width D (the sweep's <c>size</c> axis).</summary>
    public required int Width { get; init; }
    /// <summary>Seed of the task, the initial weights, the minibatches and the held-out sample.</summary>
    public required int Seed { get; init; }
    /// <summary>Training steps T.</summary>
    public required int Steps { get; init; }
    /// <summary>Examples (tokens, or pairs of tokens) per minibatch, drawn by frequency.</summary>
    public int Batch { get; init; } = 64;
    /// <summary>Optimizer name: <c>adamw</c>, <c>muon</c> or <c>sgd</c>.</summary>
    public required string Optimizer { get; init; }
    /// <summary>Learning rate η (no automatic choice in this experiment).</summary>
    public required double LearningRate { get; init; }
    /// <summary>Size of the held-out sample (tokens, or pairs of tokens) the activation covariances are measured on.</summary>
    public int EvalTokens { get; init; } = 8192;
    public FfnOptimizerSettings OptimizerSettings { get; init; } = new();
}
