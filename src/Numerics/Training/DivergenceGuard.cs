namespace Orchestrator.Numerics.Training;

/// <summary>
/// Declares a run diverged when a loss is non-finite or exceeds <see cref="GrowthBound"/> × the initial loss
/// (the loss at the initial parameters). Such runs return a result with a reason; they are never exceptions.
/// </summary>
public sealed class DivergenceGuard(double initialLoss)
{
    /// <summary>A loss above this multiple of the initial loss counts as diverged.</summary>
    public const double GrowthBound = 1e6;

    public double Threshold { get; } = GrowthBound * Math.Max(initialLoss, double.Epsilon);

    /// <summary>Null when <paramref name="loss"/> is acceptable, else why it is not.</summary>
    public string? Check(double loss, int step, string what) =>
        !double.IsFinite(loss)
            ? $"{what} became non-finite ({loss}) at step {step}"
            : loss > Threshold
                ? $"{what} {loss:G6} at step {step} exceeds {GrowthBound:G0} × the initial loss"
                : null;
}
