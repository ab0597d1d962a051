using Orchestrator.Numerics.Training;

namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// A finished cell as an analysis sees it: its axis values, the learning rate it was run with when the sweep sets one
/// (null for <c>auto</c> or none), its final loss, whether it diverged, and its named measurements; optionally its loss
/// curve and the learning rate η the run used (NaN where the kernel has none). The loss fits read it through
/// <see cref="ToObservation"/>; rank fits read its measurements.
/// </summary>
public sealed record FinishedCell(
    string Optimizer,
    double Spectrum,
    int Size,
    int Seed,
    double? LearningRate,
    double FinalLoss,
    bool Diverged,
    IReadOnlyDictionary<string, double> Measurements,
    IReadOnlyList<LossPoint>? Curve = null,
    double RunLearningRate = double.NaN)
{
    /// <summary>The cell as the scaling-law fits see it.</summary>
    public Observation ToObservation() =>
        new(Optimizer, Spectrum, Size, Seed, FinalLoss, Diverged, LearningRate, Curve, RunLearningRate);
}
