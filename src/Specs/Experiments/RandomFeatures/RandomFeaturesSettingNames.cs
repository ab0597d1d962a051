namespace Orchestrator.Specs.Experiments.RandomFeatures;

/// <summary>Spec keys of the <c>random-features</c> settings (SCIENCE.md's names).</summary>
public static class RandomFeaturesSettingNames
{
    public const string LatentDim = "latent_dim";
    public const string Steps = CommonSettingNames.Steps;
    public const string LearningRate = CommonSettingNames.LearningRate;
    public const string LearningRateScale = "lr_scale";
    public const string Data = "data";
    public const string Outputs = "outputs";
    public const string TargetDecay = "target_decay";
    public const string Momentum = "momentum";
    public const string Beta1 = "beta1";
    public const string Beta2 = "beta2";
    public const string Epsilon = "epsilon";
    public const string Damping = "damping";
    public const string Gamma = "gamma";
}
