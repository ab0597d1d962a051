using Orchestrator.Numerics.Random;
using Orchestrator.Numerics.SpectralRank.Data;
using Xunit;

namespace Orchestrator.Numerics.Tests.SpectralRank;

public sealed class TokenBucketTests
{
    [Theory]
    [InlineData(512, 1.0)]
    [InlineData(512, 0.5)]
    [InlineData(2048, 1.2)]
    [InlineData(3, 0.1)]
    [InlineData(100, 2.0)]
    public void BucketsPartitionTheVocabularyInFrequencyOrderWithAboutAThirdOfTheMassEach(int vocab, double zipf)
    {
        var distribution = new ZipfDistribution(vocab, zipf);
        var buckets = new TokenBuckets(distribution);
        var p = distribution.Probabilities;
        Assert.Equal(1.0, p.Sum(), 1e-12);
        Assert.True(p.Zip(p.Skip(1)).All(pair => pair.First >= pair.Second), "frequencies are non-increasing");

        var tokens = TokenBuckets.Tertiles.Select(buckets.Tokens).ToArray();
        Assert.Equal(Enumerable.Range(0, vocab), tokens.SelectMany(t => t));
        Assert.Equal(Enumerable.Range(0, vocab), buckets.Tokens(TokenBucket.All));
        Assert.Contains(0, tokens[0]);
        foreach (var bucket in tokens.Where(t => t.Length > 0))
        {
            // Contiguous: a bucket is a run of consecutive frequency ranks.
            Assert.Equal(Enumerable.Range(bucket[0], bucket.Length), bucket);
        }

        // Each cut misses 1/3 by at most the mass of the token it falls in.
        var masses = tokens.Select(t => t.Sum(k => p[k])).ToArray();
        Assert.All(masses, mass => Assert.InRange(mass, 1.0 / 3 - p[0], 1.0 / 3 + p[0]));
    }

    [Fact]
    public void ZipfOneOverFiveHundredTwelveTokensHasAFewHeadTokensAndAManyTokenTail()
    {
        var buckets = new TokenBuckets(new ZipfDistribution(512, 1.0));
        Assert.Equal(5, buckets.Tokens(TokenBucket.Head).Length);
        Assert.True(buckets.Tokens(TokenBucket.Tail).Length > 400);
    }

    [Fact]
    public void SamplesFollowTheFrequencies()
    {
        var distribution = new ZipfDistribution(50, 1.0);
        var counts = new int[50];
        var random = new Xoshiro256StarStar(11);
        const int draws = 200_000;
        for (var i = 0; i < draws; i++)
        {
            counts[distribution.Sample(ref random)]++;
        }

        for (var k = 0; k < 50; k++)
        {
            var expected = draws * distribution.Probabilities[k];
            // Five binomial standard deviations.
            Assert.InRange(counts[k], expected - 5 * Math.Sqrt(expected), expected + 5 * Math.Sqrt(expected));
        }
    }
}
