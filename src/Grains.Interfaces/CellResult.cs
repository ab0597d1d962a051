namespace Orchestrator.Grains;

/// <summary>
/// What a kernel produced for one cell, at full precision. The loss curve is sampled at log-spaced steps
/// (<see cref="CurveSteps"/>[i] ↦ <see cref="CurveLosses"/>[i]).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CellResult(
    [property: Id(0)] double FinalLoss,
    [property: Id(1)] bool Diverged,
    [property: Id(2)] string? DivergenceReason,
    [property: Id(3)] double LearningRate,
    [property: Id(4)] double Seconds,
    [property: Id(5)] double FloatingPointOperations,
    [property: Id(6)] long PeakBytes,
    [property: Id(7)] int[] CurveSteps,
    [property: Id(8)] double[] CurveLosses);
