namespace Orchestrator.Specs.Experiments.Command;

/// <summary>Spec keys of the <c>command</c> settings; each is also a placeholder of the runner's argument template.</summary>
public static class CommandSettingNames
{
    /// <summary>The name of a runner the silos declare (never an executable).</summary>
    public const string Runner = "runner";

    public const string Steps = CommonSettingNames.Steps;
    public const string LearningRate = CommonSettingNames.LearningRate;
}
