namespace Orchestrator.Numerics.SpectralRank.Data;

/// <summary>
/// Splits the vocabulary (sorted by frequency) into HEAD / MID / TAIL at cumulative mass 1/3 and 2/3: a token goes to
/// the first bucket whose upper cut lies above the mass before it. The buckets are contiguous, partition the
/// vocabulary, HEAD always holds the most frequent token, and each bucket's mass is within max_k p_k of 1/3.
/// </summary>
public sealed class TokenBuckets
{
    /// <summary>HEAD, MID and TAIL, in frequency order.</summary>
    public static IReadOnlyList<TokenBucket> Tertiles { get; } = [TokenBucket.Head, TokenBucket.Mid, TokenBucket.Tail];

    /// <summary>The tertiles and the whole vocabulary, in the order measurements are reported.</summary>
    public static IReadOnlyList<TokenBucket> Reported { get; } = [TokenBucket.Head, TokenBucket.Mid, TokenBucket.Tail, TokenBucket.All];

    private readonly TokenBucket[] _bucketOf;

    public TokenBuckets(ZipfDistribution distribution)
    {
        _bucketOf = new TokenBucket[distribution.Vocab];
        for (var k = 0; k < _bucketOf.Length; k++)
        {
            var before = distribution.MassBefore(k);
            _bucketOf[k] = before < 1.0 / 3 ? TokenBucket.Head : before < 2.0 / 3 ? TokenBucket.Mid : TokenBucket.Tail;
        }
    }

    /// <summary>The tertile of token index <paramref name="token"/>.</summary>
    public TokenBucket Of(int token) => _bucketOf[token];

    /// <summary>True when <paramref name="token"/> is counted in <paramref name="bucket"/> (every token is in <see cref="TokenBucket.All"/>).</summary>
    public bool Contains(TokenBucket bucket, int token) => bucket == TokenBucket.All || _bucketOf[token] == bucket;

    /// <summary>Token indices of <paramref name="bucket"/>, ascending.</summary>
    public int[] Tokens(TokenBucket bucket) =>
        Enumerable.Range(0, _bucketOf.Length).Where(k => Contains(bucket, k)).ToArray();
}
