using Orchestrator.Numerics.Random;
using Xunit;

namespace Orchestrator.Numerics.Tests.Random;

public sealed class RandomStreamTests
{
    [Fact]
    public void SplitMix64MatchesTheReferenceSequenceFromSeedZero()
    {
        // Reference outputs of Vigna's splitmix64.c with x = 0.
        var state = 0UL;
        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Next(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, SplitMix64.Next(ref state));
        Assert.Equal(0x06C45D188009454FUL, SplitMix64.Next(ref state));
    }

    [Fact]
    public void Xoshiro256StarStarMatchesTheReferenceSequence()
    {
        // Reference outputs of Blackman & Vigna's xoshiro256starstar.c from state {1, 2, 3, 4}.
        var rng = Xoshiro256StarStar.FromState(1, 2, 3, 4);
        ulong[] expected =
        [
            11520, 0, 1509978240, 1215971899390074240, 1216172134540287360,
            607988272756665600, 16172922978634559625, 8476171486693032832,
            10595114339597558777, 2904607092377533576,
        ];
        foreach (var value in expected)
        {
            Assert.Equal(value, rng.NextUInt64());
        }
    }

    [Fact]
    public void UniformDoublesLieInTheUnitIntervalWithTheRightMean()
    {
        var rng = new Xoshiro256StarStar(42);
        var sum = 0.0;
        const int count = 200_000;
        for (var i = 0; i < count; i++)
        {
            var u = rng.NextDouble();
            Assert.InRange(u, 0.0, 1.0 - 1e-17);
            sum += u;
        }

        // Standard error of the mean is 0.29/√n ≈ 6.5e-4; 5σ.
        Assert.InRange(sum / count, 0.5 - 3.3e-3, 0.5 + 3.3e-3);
    }

    [Fact]
    public void NormalsHaveTheStandardNormalMomentsAndDistribution()
    {
        var rng = new Xoshiro256StarStar(7);
        const int count = 1_000_000;
        double sum = 0, sumSquares = 0, sumCubes = 0, sumFourth = 0;
        double[] points = [-3.8, -3.0, -2.0, -1.0, -0.3, 0.0, 0.5, 1.5, 2.5, 3.5];
        var below = new int[points.Length];
        for (var i = 0; i < count; i++)
        {
            var z = rng.NextStandardNormal();
            sum += z;
            sumSquares += z * z;
            sumCubes += z * z * z;
            sumFourth += z * z * z * z;
            for (var p = 0; p < points.Length; p++)
            {
                below[p] += z < points[p] ? 1 : 0;
            }
        }

        // Tolerances are about 5 standard errors at this sample size.
        Assert.InRange(sum / count, -0.005, 0.005);
        Assert.InRange(sumSquares / count, 0.993, 1.007);
        Assert.InRange(sumCubes / count, -0.02, 0.02);
        Assert.InRange(sumFourth / count, 2.95, 3.05);
        for (var p = 0; p < points.Length; p++)
        {
            var expected = MathNet.Numerics.Distributions.Normal.CDF(0, 1, points[p]);
            var standardError = Math.Sqrt(expected * (1 - expected) / count);
            Assert.True(Math.Abs((double)below[p] / count - expected) < 5 * standardError + 1e-6,
                $"P(Z < {points[p]}) = {(double)below[p] / count} vs {expected}");
        }
    }

    [Fact]
    public void TheNormalTailBeyondTheZigguratBaseIsPopulated()
    {
        // R ≈ 3.4426: draws beyond it come from the tail method. P(|Z| > 3.6) ≈ 3.18e-4.
        var rng = new Xoshiro256StarStar(11);
        const int count = 2_000_000;
        var tail = 0;
        for (var i = 0; i < count; i++)
        {
            tail += Math.Abs(rng.NextStandardNormal()) > 3.6 ? 1 : 0;
        }

        var expected = 2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -3.6) * count;
        Assert.InRange(tail, expected - 5 * Math.Sqrt(expected), expected + 5 * Math.Sqrt(expected));
    }

    [Fact]
    public void DerivedStreamsDependOnEveryComponentAndAreReproducible()
    {
        var seeds = new HashSet<ulong>();
        for (ulong purpose = 0; purpose < 4; purpose++)
        {
            for (ulong index = 0; index < 256; index++)
            {
                Assert.True(seeds.Add(StreamSeeds.Derive(99, purpose, index)));
                Assert.Equal(StreamSeeds.Derive(99, purpose, index), StreamSeeds.Derive(99, purpose, index));
            }
        }

        Assert.NotEqual(StreamSeeds.Derive(1, 2, 3), StreamSeeds.Derive(2, 2, 3));
        Assert.NotEqual(StreamSeeds.Derive(1, 2, 3, 4), StreamSeeds.Derive(1, 2, 3, 5));
    }

    [Fact]
    public void TheAllZeroStateIsRefused() =>
        Assert.Throws<ArgumentException>(() => Xoshiro256StarStar.FromState(0, 0, 0, 0));
}
