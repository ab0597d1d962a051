namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// A finished cell as an analysis sees it: its axis values, the learning rate it was run with when the sweep sets one
/// (null for <c>auto</c> or none), its final loss, whether it diverged, and its named measurements. The loss fits read
/// it through <see cref="ToObservation"/>; rank fits read its measurements.
/// </summary>
public sealed record FinishedCell(
    string Optimizer,
    double Spectrum,
    int Size,
    int Seed,
    double? LearningRate,
    double FinalLoss,
    bool Diverged,
    IReadOnlyDictionary<string, double> Measurements)
{
    /// <summary>The cell as the scaling-law fits see it.</summary>
    public Observation ToObservation() => new(Optimizer, Spectrum, Size, Seed, FinalLoss, Diverged, LearningRate);
}
