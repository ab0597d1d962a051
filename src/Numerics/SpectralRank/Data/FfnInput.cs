namespace Orchestrator.Numerics.SpectralRank.Data;

/// <summary>What the FFN block reads: a token's own embedding, or a current token mixed with a context token.</summary>
public enum FfnInput
{
    /// <summary>
    /// x = e_t, the fixed embedding of one token drawn by frequency, with the fixed target y_t: the first variant of
    /// the experiment. Every occurrence of a token is the same vector, so a bucket's covariance spans at most its
    /// distinct tokens.
    /// </summary>
    Token,

    /// <summary>
    /// x = √d·u/‖u‖ with u = e_t + ctx·e_c for a current token t and a context token c drawn independently by
    /// frequency, and the teacher's output y = W_b tanh(W_a x) for that x: every occurrence is a different vector, as
    /// in a Transformer's residual stream.
    /// </summary>
    Context,
}
