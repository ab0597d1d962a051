using Orchestrator.Numerics.SpectralRank.Data;

namespace Orchestrator.Numerics.SpectralRank.Measurement;

/// <summary>
/// Stable names of a cell's measurements: <c>soft_rank_B</c>, <c>hard_rank_B</c>, <c>loss_B</c> and
/// <c>eval_tokens_B</c> for each bucket B in <c>head</c>, <c>mid</c>, <c>tail</c>, <c>all</c>; the context variant
/// adds <c>pre_soft_rank_B</c> and <c>pre_hard_rank_B</c>, the ranks of the pre-activations W₁x.
/// </summary>
public static class MeasurementNames
{
    public const string SoftKind = "soft";
    public const string HardKind = "hard";

    /// <summary>Soft rank of the pre-activations W₁x (a diagnostic beside the post-ReLU² ranks).</summary>
    public const string PreActivationSoftKind = "pre_soft";
    /// <summary>Hard rank of the pre-activations W₁x.</summary>
    public const string PreActivationHardKind = "pre_hard";

    /// <summary>The rank kinds, in reporting order; a cell without a kind's measurements is simply not fitted for it.</summary>
    public static IReadOnlyList<string> RankKinds { get; } = [SoftKind, HardKind, PreActivationSoftKind, PreActivationHardKind];

    /// <summary>The bucket's name in measurements and fits: <c>head</c>, <c>mid</c>, <c>tail</c> or <c>all</c>.</summary>
    public static string Of(TokenBucket bucket) => bucket.ToString().ToLowerInvariant();

    /// <summary><c>soft_rank_tail</c> and the like.</summary>
    public static string Rank(string kind, string bucket) => $"{kind}_rank_{bucket}";

    /// <summary>Population loss of the bucket: E[‖f(e) − y‖²/K | token in bucket].</summary>
    public static string Loss(string bucket) => $"loss_{bucket}";

    /// <summary>
    /// Held-out tokens of the bucket, an upper bound of its ranks: distinct tokens in the token variant, occurrences
    /// (pairs whose current token is in the bucket) in the context variant.
    /// </summary>
    public static string EvalTokens(string bucket) => $"eval_tokens_{bucket}";
}
