using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Random;
using Orchestrator.Numerics.SpectralRank;
using Orchestrator.Numerics.SpectralRank.Data;
using Orchestrator.Numerics.SpectralRank.Measurement;
using Xunit;

namespace Orchestrator.Numerics.Tests.SpectralRank;

[Collection(KernelParallelismCollection.Name)]
public sealed class KernelTests
{
    private static readonly SpectralRankRun Tiny = new()
    {
        Vocab = 96, EmbedDim = 12, Outputs = 6, TeacherWidth = 24, Zipf = 1.0, Width = 40, Seed = 3, Steps = 60,
        Batch = 16, Optimizer = "adamw", LearningRate = 0.01, EvalTokens = 1000,
    };

    private static SpectralRankResult Train(SpectralRankRun run) =>
        SpectralRankKernel.Run(run, TestContext.Current.CancellationToken);

    private static void AssertIdentical(SpectralRankResult expected, SpectralRankResult actual)
    {
        Assert.Equal(expected.Run.FinalLoss, actual.Run.FinalLoss);
        Assert.Equal(expected.Run.Curve, actual.Run.Curve);
        Assert.Equal(expected.Run.FloatingPointOperations, actual.Run.FloatingPointOperations);
        Assert.Equal(expected.Run.PeakBytes, actual.Run.PeakBytes);
        Assert.Equal(expected.Measurements.OrderBy(m => m.Key), actual.Measurements.OrderBy(m => m.Key));
    }

    [Theory]
    [InlineData("adamw")]
    [InlineData("muon")]
    [InlineData("sgd")]
    public void ARunIsBitIdenticalWhenRepeatedAndLearns(string optimizer)
    {
        var run = Tiny with { Optimizer = optimizer, LearningRate = optimizer == "sgd" ? 0.005 : 0.01 };
        var first = Train(run);
        AssertIdentical(first, Train(run));

        Assert.False(first.Run.Diverged);
        Assert.True(first.Run.FinalLoss < 0.8 * first.Run.Curve[0].Loss, $"{optimizer} did not learn: {first.Run.FinalLoss} from {first.Run.Curve[0].Loss}");
        Assert.Equal(first.Run.FinalLoss, first.Measurements["loss_all"]);
        foreach (var bucket in new[] { "head", "mid", "tail", "all" })
        {
            var hard = first.Measurements[$"hard_rank_{bucket}"];
            var soft = first.Measurements[$"soft_rank_{bucket}"];
            var cap = Math.Min(first.Measurements[$"eval_tokens_{bucket}"], run.Width);
            Assert.InRange(hard, 1.0, soft * (1 + 1e-12));
            Assert.InRange(soft, 1.0, cap);
        }
    }

    [Fact]
    public void EveryOptimizerStartsFromTheSameTaskAndWeightsAndSeedsDiffer()
    {
        var adamw = Train(Tiny);
        var muon = Train(Tiny with { Optimizer = "muon" });
        var otherSeed = Train(Tiny with { Seed = 4 });
        Assert.Equal(adamw.Run.Curve[0], muon.Run.Curve[0]);
        Assert.NotEqual(adamw.Run.Curve[0].Loss, otherSeed.Run.Curve[0].Loss);
    }

    [Theory]
    [InlineData(FfnInput.Token)]
    [InlineData(FfnInput.Context)]
    public void ResultsDoNotDependOnTheBlasThreadCount(FfnInput input)
    {
        // Large enough that the population pass (256·256·64·2 flops) and the context variant's batch are split into pieces.
        var run = Tiny with { Input = input, Vocab = 256, EmbedDim = 64, Width = 256, Steps = 8, Batch = 256, EvalTokens = 1024, Optimizer = "muon" };
        var before = KernelParallelism.MaxThreads;
        try
        {
            KernelParallelism.MaxThreads = 1;
            var one = Train(run);
            KernelParallelism.MaxThreads = 2;
            AssertIdentical(one, Train(run));
        }
        finally
        {
            KernelParallelism.MaxThreads = before;
        }
    }

    [Fact]
    public void AnEmptyBucketHasNoLossAndNoRanks()
    {
        // z = 8: the first token holds 99.6% of the mass, so the mass before token 2 is past 2/3 and MID is empty.
        var result = Train(Tiny with { Vocab = 8, Zipf = 8.0, Width = 8 });
        Assert.Equal(0, result.Measurements["eval_tokens_mid"]);
        Assert.DoesNotContain("loss_mid", result.Measurements.Keys);
        Assert.DoesNotContain("hard_rank_mid", result.Measurements.Keys);
        Assert.Contains("loss_tail", result.Measurements.Keys);
        Assert.All(result.Measurements.Values, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void AnExplodingLearningRateIsADivergedResultWithoutMeasurements()
    {
        var result = Train(Tiny with { Optimizer = "sgd", LearningRate = 1e4 });
        Assert.True(result.Run.Diverged);
        Assert.NotNull(result.Run.DivergenceReason);
        Assert.Empty(result.Measurements);
    }

    [Fact]
    public void AnInvalidRunIsRefusedNamingTheSetting()
    {
        Assert.Contains("unknown optimizer 'natural-gradient'",
            Assert.Throws<ArgumentException>(() => Train(Tiny with { Optimizer = "natural-gradient" })).Message);
        Assert.Contains("lr", Assert.Throws<ArgumentException>(() => Train(Tiny with { LearningRate = 0 })).Message);
    }

    [Theory]
    [InlineData(5, 20)]
    [InlineData(30, 8)]
    public void CovarianceSpectrumIsTheWeightedCovarianceOnEitherSide(int tokens, int width)
    {
        var random = new Xoshiro256StarStar(5);
        var hidden = Enumerable.Range(0, (tokens + 3) * width).Select(_ => random.NextStandardNormal()).ToArray();
        var rows = Enumerable.Range(2, tokens).ToArray();
        var counts = rows.Select(r => 1 + r % 4).ToArray();

        var eigenvalues = ActivationCovariance.Eigenvalues(hidden, width, rows, counts, DenseLinearAlgebra.Default, out _);

        // Direct D×D covariance Σ w (h − μ)(h − μ)ᵀ, by loops.
        double total = counts.Sum();
        var mean = new double[width];
        for (var t = 0; t < tokens; t++)
        {
            for (var j = 0; j < width; j++)
            {
                mean[j] += counts[t] / total * hidden[rows[t] * width + j];
            }
        }

        var covariance = new double[width * width];
        for (var t = 0; t < tokens; t++)
        {
            for (var i = 0; i < width; i++)
            {
                for (var j = 0; j < width; j++)
                {
                    covariance[i * width + j] += counts[t] / total
                        * (hidden[rows[t] * width + i] - mean[i]) * (hidden[rows[t] * width + j] - mean[j]);
                }
            }
        }

        AssertSameNonZeroSpectrum(covariance, width, tokens, eigenvalues);
    }

    [Theory]
    [InlineData(5, 20)]
    [InlineData(30, 8)]
    public void OccurrenceCovarianceSpectrumIsTheSampleCovarianceOfTheRows(int occurrences, int width)
    {
        var random = new Xoshiro256StarStar(7);
        var activations = Enumerable.Range(0, (2 * occurrences + 1) * width).Select(_ => random.NextStandardNormal()).ToArray();
        // Every other row, so that rows not in the set must be ignored.
        var rows = Enumerable.Range(0, occurrences).Select(r => 2 * r + 1).ToArray();

        var eigenvalues = ActivationCovariance.OverOccurrences(activations, width, rows, DenseLinearAlgebra.Default, out _);

        // Direct D×D sample covariance Σ (h − μ)(h − μ)ᵀ / (m − 1), by loops.
        var mean = new double[width];
        foreach (var r in rows)
        {
            for (var j = 0; j < width; j++)
            {
                mean[j] += activations[r * width + j] / occurrences;
            }
        }

        var covariance = new double[width * width];
        foreach (var r in rows)
        {
            for (var i = 0; i < width; i++)
            {
                for (var j = 0; j < width; j++)
                {
                    covariance[i * width + j] += (activations[r * width + i] - mean[i]) * (activations[r * width + j] - mean[j]) / (occurrences - 1);
                }
            }
        }

        AssertSameNonZeroSpectrum(covariance, width, occurrences, eigenvalues);
    }

    /// <summary>The spectrum of the D×D <paramref name="covariance"/> is <paramref name="eigenvalues"/> padded with zeros.</summary>
    private static void AssertSameNonZeroSpectrum(double[] covariance, int width, int rows, double[] eigenvalues)
    {
        var direct = DenseLinearAlgebra.Default.Eigendecompose(width, covariance).Eigenvalues;
        var nonZero = direct.Skip(width - Math.Min(rows, width)).ToArray();
        Assert.Equal(nonZero.Length, eigenvalues.Length);
        for (var i = 0; i < nonZero.Length; i++)
        {
            Assert.Equal(nonZero[i], eigenvalues[i], 1e-10);
        }

        Assert.Equal(SpectralRanks.Hard(direct), SpectralRanks.Hard(eigenvalues), 1e-9);
        Assert.Equal(SpectralRanks.Soft(direct), SpectralRanks.Soft(eigenvalues), 1e-6);
    }
}
