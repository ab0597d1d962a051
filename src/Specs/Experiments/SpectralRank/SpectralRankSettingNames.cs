namespace Orchestrator.Specs.Experiments.SpectralRank;

/// <summary>Spec keys of the <c>ffn-spectral-rank</c> settings.</summary>
public static class SpectralRankSettingNames
{
    public const string Vocab = "vocab";
    public const string EmbedDim = "embed_dim";
    public const string Outputs = "outputs";
    public const string TeacherWidth = "teacher_width";
    public const string Steps = CommonSettingNames.Steps;
    public const string Batch = "batch";
    public const string LearningRate = CommonSettingNames.LearningRate;
    public const string WeightDecay = "weight_decay";
    public const string Beta1 = "beta1";
    public const string Beta2 = "beta2";
    public const string Epsilon = "epsilon";
    public const string Momentum = "momentum";
    public const string NewtonSchulzSteps = "ns_steps";
    public const string EvalTokens = "eval_tokens";
    public const string Input = "input";
    public const string ContextWeight = "ctx";
}
