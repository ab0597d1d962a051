using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Specs;

/// <summary>
/// How the scaling laws are fitted: the optimizer shifts are measured against (<see cref="Baseline"/>, one of the grid's
/// optimizers), the number of bootstrap resamples behind each confidence interval, exponents held fixed instead of
/// fitted (<see cref="FixedAlpha"/> for size, <see cref="FixedBeta"/> for time; null = fitted) and the objective
/// (<see cref="HuberDelta"/>: null for least squares, else the Huber loss with that δ).
/// </summary>
public sealed record FitSettings(string Baseline, int Bootstrap, double? FixedAlpha = null, double? FixedBeta = null, double? HuberDelta = null)
{
    public const int DefaultBootstrap = 1000;
    public const int MinBootstrap = 100;
    public const int MaxBootstrap = 100_000;

    /// <summary>A fixed exponent lies in (0, <see cref="MaxExponent"/>].</summary>
    public const double MaxExponent = 10;

    /// <summary>The values of <c>fit.robust</c>: least squares (the default) or the Huber loss.</summary>
    public const string LeastSquares = "none";
    public const string Huber = "huber";

    /// <summary>The fit options these settings give; an experiment adds its own (e.g. the steps of the diagnostic).</summary>
    public FitOptions ToFitOptions() => new()
    {
        Baseline = Baseline,
        BootstrapResamples = Bootstrap,
        FixedAlpha = FixedAlpha,
        FixedBeta = FixedBeta,
        HuberDelta = HuberDelta,
    };
}
