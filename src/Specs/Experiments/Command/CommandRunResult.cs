using Orchestrator.Numerics.Training;

namespace Orchestrator.Specs.Experiments.Command;

/// <summary>
/// What a runner reported for one cell: its final loss, the progress it printed on the way (in the order printed),
/// the named measurements of its final line, and the wall-clock seconds the process ran. A non-finite
/// <see cref="FinalLoss"/> is a diverged run — a result, not a failure.
/// </summary>
public sealed record CommandRunResult(
    double FinalLoss,
    IReadOnlyList<LossPoint> Curve,
    IReadOnlyDictionary<string, double> Measurements,
    double Seconds)
{
    /// <summary>True when <see cref="FinalLoss"/> is NaN or infinite.</summary>
    public bool Diverged => !double.IsFinite(FinalLoss);
}
