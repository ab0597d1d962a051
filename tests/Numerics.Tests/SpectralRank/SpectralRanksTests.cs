using Orchestrator.Numerics.SpectralRank.Measurement;
using Xunit;

namespace Orchestrator.Numerics.Tests.SpectralRank;

public sealed class SpectralRanksTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(256)]
    public void AFlatSpectrumHasFullSoftAndHardRank(int n)
    {
        var identity = Enumerable.Repeat(2.5, n).ToArray();
        Assert.Equal(n, SpectralRanks.Soft(identity), 1e-9 * n);
        Assert.Equal(n, SpectralRanks.Hard(identity), 1e-9 * n);
    }

    [Fact]
    public void OneSpikeHasRankOneAndZerosAndRoundingNegativesDoNotCount()
    {
        double[] spike = [0, -1e-17, 0, 4.0, 0];
        Assert.Equal(1.0, SpectralRanks.Soft(spike));
        Assert.Equal(1.0, SpectralRanks.Hard(spike));
    }

    [Fact]
    public void AZeroSpectrumHasRankZero()
    {
        Assert.Equal(0, SpectralRanks.Soft([0, 0, 0]));
        Assert.Equal(0, SpectralRanks.Hard([0, 0, 0]));
    }

    [Theory]
    [InlineData(0.5, 10)]
    [InlineData(0.9, 100)]
    [InlineData(0.99, 1000)]
    public void GeometricSpectraMatchTheirClosedForms(double q, int n)
    {
        // λ_i = c·q^i, i = 0..n−1 (any scale c), in a shuffled order.
        var eigenvalues = Enumerable.Range(0, n).Select(i => 3.0 * Math.Pow(q, i)).Reverse().ToArray();
        double qn = Math.Pow(q, n);

        // Participation ratio: (Σq^i)² / Σq^(2i) = (1 − qⁿ)(1 + q) / ((1 − q)(1 + qⁿ)).
        var hard = (1 - qn) * (1 + q) / ((1 - q) * (1 + qn));
        // Entropy of p_i = q^i/S: ln S − ln q · E[i], E[i] = q/(1 − q) − n qⁿ/(1 − qⁿ).
        var sum = (1 - qn) / (1 - q);
        var meanIndex = q / (1 - q) - n * qn / (1 - qn);
        var soft = Math.Exp(Math.Log(sum) - Math.Log(q) * meanIndex);

        Assert.Equal(hard, SpectralRanks.Hard(eigenvalues), 1e-9 * hard);
        Assert.Equal(soft, SpectralRanks.Soft(eigenvalues), 1e-9 * soft);
        Assert.True(SpectralRanks.Hard(eigenvalues) < SpectralRanks.Soft(eigenvalues), "hard rank ≤ soft rank (Rényi-2 ≤ Shannon)");
    }
}
