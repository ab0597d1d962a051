using Orchestrator.Numerics.Training;

namespace Orchestrator.Numerics.RandomFeatures.Training;

/// <summary>What <see cref="ReadoutTrainer"/> produced, before wall time is attached.</summary>
internal sealed record TrainingOutcome(
    double FinalLoss, IReadOnlyList<LossPoint> Curve, string? DivergenceReason, double LearningRate,
    double Flops, long PeakBytes);
