using Orchestrator.Numerics.Training;

namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// One finished cell of a sweep as the fitting library sees it. <see cref="LearningRate"/> is the learning rate the
/// cell was run with when the sweep has a learning-rate axis (null otherwise). A diverged cell is kept as an
/// observation: the fits exclude it and count it. <see cref="Curve"/> is the loss at log-spaced steps and
/// <see cref="RunLearningRate"/> the learning rate η the run actually used (NaN where the kernel has none): together
/// they place the curve in dynamical time τ = η·t for the size × time law (null and NaN leave the cell out of it).
/// </summary>
public sealed record Observation(
    string Optimizer,
    double Spectrum,
    int Size,
    int Seed,
    double FinalLoss,
    bool Diverged,
    double? LearningRate = null,
    IReadOnlyList<LossPoint>? Curve = null,
    double RunLearningRate = double.NaN);
