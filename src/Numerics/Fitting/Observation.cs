namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// One finished cell of a sweep as the fitting library sees it. <see cref="LearningRate"/> is the learning rate the
/// cell was run with when the sweep has a learning-rate axis (null otherwise). A diverged cell is kept as an
/// observation: the fits exclude it and count it.
/// </summary>
public sealed record Observation(
    string Optimizer,
    double Spectrum,
    int Size,
    int Seed,
    double FinalLoss,
    bool Diverged,
    double? LearningRate = null);
