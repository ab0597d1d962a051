using Orchestrator.Numerics.SpectralRank.Optimizers;

namespace Orchestrator.Numerics.SpectralRank;

/// <summary>Refuses runs the kernel cannot run, with a message naming the offending setting.</summary>
public static class SpectralRankValidation
{
    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="run"/> is invalid.</summary>
    public static void Validate(SpectralRankRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Require(run.Vocab >= 3, $"vocab must be at least 3, one token per bucket (got {run.Vocab})");
        Require(run.EmbedDim >= 1, $"embed_dim must be at least 1 (got {run.EmbedDim})");
        Require(run.Outputs >= 1, $"outputs must be at least 1 (got {run.Outputs})");
        Require(run.TeacherWidth >= 1, $"teacher_width must be at least 1 (got {run.TeacherWidth})");
        Require(run.Width >= 1, $"size must be at least 1 (got {run.Width})");
        Require(run.Steps >= 1, $"steps must be positive (got {run.Steps})");
        Require(run.Batch >= 1, $"batch must be positive (got {run.Batch})");
        Require(run.EvalTokens >= 2, $"eval_tokens must be at least 2 (got {run.EvalTokens})");
        Require(double.IsFinite(run.Zipf) && run.Zipf > 0, $"spectrum (Zipf exponent) must be positive and finite (got {run.Zipf})");
        Require(Enum.IsDefined(run.Input), $"unknown input '{run.Input}'");
        Require(double.IsFinite(run.ContextWeight) && run.ContextWeight >= 0, $"ctx must be finite and ≥ 0 (got {run.ContextWeight})");
        Require(double.IsFinite(run.LearningRate) && run.LearningRate > 0, $"lr must be a positive finite number (got {run.LearningRate})");
        Require(FfnOptimizerRegistry.IsKnown(run.Optimizer),
            $"unknown optimizer '{run.Optimizer}'; known: {string.Join(", ", FfnOptimizerRegistry.Names)}");
        var s = run.OptimizerSettings;
        Require(s is not null, "optimizer settings are required");
        Require(s!.Beta1 is >= 0 and < 1, $"beta1 must lie in [0, 1) (got {s.Beta1})");
        Require(s.Beta2 is >= 0 and < 1, $"beta2 must lie in [0, 1) (got {s.Beta2})");
        Require(s.Epsilon > 0 && double.IsFinite(s.Epsilon), $"epsilon must be positive (got {s.Epsilon})");
        Require(s.Momentum is >= 0 and < 1, $"momentum must lie in [0, 1) (got {s.Momentum})");
        Require(s.WeightDecay >= 0 && double.IsFinite(s.WeightDecay), $"weight_decay must be finite and ≥ 0 (got {s.WeightDecay})");
        Require(s.NewtonSchulzSteps >= 1, $"ns_steps must be positive (got {s.NewtonSchulzSteps})");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
