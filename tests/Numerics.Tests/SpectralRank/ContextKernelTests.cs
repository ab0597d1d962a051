using Orchestrator.Numerics.SpectralRank;
using Orchestrator.Numerics.SpectralRank.Data;
using Xunit;

namespace Orchestrator.Numerics.Tests.SpectralRank;

/// <summary>The context variant: inputs mix a current and a context token; ranks are over held-out occurrences.</summary>
[Collection(KernelParallelismCollection.Name)]
public sealed class ContextKernelTests
{
    private static readonly SpectralRankRun Tiny = new()
    {
        Input = FfnInput.Context, Vocab = 96, EmbedDim = 12, Outputs = 6, TeacherWidth = 24, Zipf = 1.0, Width = 40, Seed = 3,
        Steps = 60, Batch = 32, Optimizer = "adamw", LearningRate = 0.01, EvalTokens = 600,
    };

    private static SpectralRankResult Train(SpectralRankRun run) =>
        SpectralRankKernel.Run(run, TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("adamw")]
    [InlineData("muon")]
    [InlineData("sgd")]
    public void ARunIsBitIdenticalWhenRepeatedLearnsAndMeasuresEveryOccurrence(string optimizer)
    {
        var run = Tiny with { Optimizer = optimizer, LearningRate = optimizer == "sgd" ? 0.05 : 0.01 };
        var first = Train(run);
        var second = Train(run);
        Assert.Equal(first.Run.Curve, second.Run.Curve);
        Assert.Equal(first.Run.FloatingPointOperations, second.Run.FloatingPointOperations);
        Assert.Equal(first.Run.PeakBytes, second.Run.PeakBytes);
        Assert.Equal(first.Measurements.OrderBy(m => m.Key), second.Measurements.OrderBy(m => m.Key));

        Assert.False(first.Run.Diverged);
        Assert.True(first.Run.FinalLoss < 0.8 * first.Run.Curve[0].Loss, $"{optimizer} did not learn: {first.Run.FinalLoss} from {first.Run.Curve[0].Loss}");
        Assert.Equal(first.Run.FinalLoss, first.Measurements["loss_all"]);
        Assert.Equal((run.Steps, first.Run.FinalLoss), (first.Run.Curve[^1].Step, first.Run.Curve[^1].Loss));
        // Every held-out pair is an occurrence of its current token's bucket.
        Assert.Equal(run.EvalTokens, first.Measurements["eval_tokens_all"]);
        Assert.Equal(run.EvalTokens, first.Measurements["eval_tokens_head"] + first.Measurements["eval_tokens_mid"] + first.Measurements["eval_tokens_tail"]);
        foreach (var bucket in new[] { "head", "mid", "tail", "all" })
        {
            foreach (var prefix in new[] { "", "pre_" })
            {
                var hard = first.Measurements[$"{prefix}hard_rank_{bucket}"];
                var soft = first.Measurements[$"{prefix}soft_rank_{bucket}"];
                Assert.InRange(hard, 1.0, soft * (1 + 1e-12));
                Assert.InRange(soft, 1.0, Math.Min(first.Measurements[$"eval_tokens_{bucket}"], run.Width));
            }
        }
    }

    [Fact]
    public void TheContextMakesTheHeadRankExceedItsDistinctTokens()
    {
        // HEAD holds 3 tokens at V = 96, z = 1: their own embeddings give at most 2 centred directions, the pairs many more.
        var token = Train(Tiny with { Input = FfnInput.Token });
        var context = Train(Tiny);
        Assert.True(token.Measurements["soft_rank_head"] <= 2 + 1e-9, $"token variant: {token.Measurements["soft_rank_head"]}");
        Assert.True(context.Measurements["hard_rank_head"] > 3, $"context variant: {context.Measurements["hard_rank_head"]}");
    }

    [Fact]
    public void CtxChangesTheInputsButNotTheTaskOrTheStart()
    {
        var one = Train(Tiny);
        var half = Train(Tiny with { ContextWeight = 0.5 });
        Assert.NotEqual(one.Run.FinalLoss, half.Run.FinalLoss);
        Assert.NotEqual(one.Measurements["hard_rank_tail"], half.Measurements["hard_rank_tail"]);
        // The same held-out pairs: the bucket sizes are those of the current tokens alone.
        Assert.Equal(one.Measurements["eval_tokens_tail"], half.Measurements["eval_tokens_tail"]);
    }

    [Fact]
    public void ANegativeCtxIsRefusedNamingTheSetting()
    {
        Assert.Contains("ctx", Assert.Throws<ArgumentException>(() => Train(Tiny with { ContextWeight = -1 })).Message);
    }
}
