using Orchestrator.Numerics.RandomFeatures.Optimizers;

namespace Orchestrator.Numerics.RandomFeatures;

/// <summary>Refuses runs the kernel cannot run, with a message naming the offending setting.</summary>
public static class RunValidation
{
    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="run"/> is invalid.</summary>
    public static void Validate(RandomFeaturesRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Require(run.LatentDim >= 1, $"latent_dim must be at least 1 (got {run.LatentDim})");
        Require(run.Size >= 1, $"size must be at least 1 (got {run.Size})");
        Require(run.Size <= run.LatentDim, $"size {run.Size} exceeds latent_dim {run.LatentDim}: H = F Λ Fᵀ would be singular");
        Require(run.Outputs >= 1, $"outputs must be at least 1 (got {run.Outputs})");
        Require(run.Steps >= 1, $"steps must be positive (got {run.Steps})");
        Require(double.IsFinite(run.Spectrum), $"spectrum must be finite (got {run.Spectrum})");
        Require(double.IsFinite(run.TargetDecay), $"target_decay must be finite (got {run.TargetDecay})");
        Require(run.Data.Kind == DataRegimeKind.Population || run.Data.Samples >= 1,
            $"data '{run.Data}': the sample count must be positive");
        Require(OptimizerRegistry.IsKnown(run.Optimizer),
            $"unknown optimizer '{run.Optimizer}'; known: {string.Join(", ", OptimizerRegistry.Names)}");
        if (run.LearningRate is { } lr)
        {
            Require(double.IsFinite(lr) && lr > 0, $"lr must be a positive finite number (got {lr})");
        }
        else
        {
            Require(OptimizerRegistry.SupportsAutoLearningRate(run.Optimizer),
                $"lr: auto is undefined for optimizer '{run.Optimizer}' (no fixed preconditioner); give a number");
            Require(double.IsFinite(run.LearningRateScale) && run.LearningRateScale > 0,
                $"lr_scale must be a positive finite number (got {run.LearningRateScale})");
        }

        var settings = run.OptimizerSettings;
        Require(settings is not null, "optimizer settings are required");
        Require(settings!.Momentum is >= 0 and < 1, $"momentum must lie in [0, 1) (got {settings.Momentum})");
        Require(settings.Beta1 is >= 0 and < 1, $"beta1 must lie in [0, 1) (got {settings.Beta1})");
        Require(settings.Beta2 is >= 0 and < 1, $"beta2 must lie in [0, 1) (got {settings.Beta2})");
        Require(settings.Epsilon > 0 && double.IsFinite(settings.Epsilon), $"epsilon must be positive (got {settings.Epsilon})");
        Require(settings.Damping >= 0 && double.IsFinite(settings.Damping), $"damping must be finite and ≥ 0 (got {settings.Damping})");
        Require(settings.Gamma >= 0 && double.IsFinite(settings.Gamma), $"gamma must be finite and ≥ 0 (got {settings.Gamma})");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
