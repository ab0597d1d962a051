namespace Orchestrator.Numerics.Training;

/// <summary>One point of a loss curve: the population loss after <see cref="Step"/> optimizer steps.</summary>
public readonly record struct LossPoint(int Step, double Loss);

/// <summary>
/// What one training run (one sweep cell) produced. A diverged run is a result, not an error:
/// <see cref="Diverged"/> is set, <see cref="DivergenceReason"/> says why, and <see cref="FinalLoss"/> holds the last
/// loss seen (possibly non-finite).
/// </summary>
public sealed record RunResult(
    double FinalLoss,
    IReadOnlyList<LossPoint> Curve,
    bool Diverged,
    string? DivergenceReason,
    double LearningRate,
    double Seconds,
    double FloatingPointOperations,
    long PeakBytes);
