namespace Orchestrator.Specs.Experiments;

/// <summary>
/// Setting keys that mean the same in every experiment that has them: the learning rate (<c>lr</c>, a number, or a
/// text such as <c>auto</c>) and the training steps (<c>steps</c>). Generic code (the learning-rate column of the
/// results, the fits' best-rate selection) reads them by these names.
/// </summary>
public static class CommonSettingNames
{
    public const string LearningRate = "lr";
    public const string Steps = "steps";
}
