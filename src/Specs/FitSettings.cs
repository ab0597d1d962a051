namespace Orchestrator.Specs;

/// <summary>
/// How the scaling laws are fitted: the optimizer shifts are measured against (<see cref="Baseline"/>, one of the grid's
/// optimizers) and the number of bootstrap resamples behind each confidence interval.
/// </summary>
public sealed record FitSettings(string Baseline, int Bootstrap)
{
    public const int DefaultBootstrap = 1000;
    public const int MinBootstrap = 100;
    public const int MaxBootstrap = 100_000;
}
