namespace Orchestrator.Grains;

/// <summary>
/// A finished cell as the aggregator and the exports see it: its axis values and its result summary, with the
/// experiment's named measurements when it has any (<see cref="CellResult.Measurements"/>) and its loss curve
/// (<see cref="CurveSteps"/>[i] ↦ <see cref="CurveLosses"/>[i], thinned to the log-spaced schedule: see
/// <c>LossCurveSchedule.Thin</c>). Stored in outcome chunks; <see cref="AttemptOutcomes"/> holds the labels of
/// <see cref="AttemptOutcome"/>. Fields added after release are trailing and optional, so that chunks stored before
/// them read back (with null).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CellOutcome(
    [property: Id(0)] string CellId,
    [property: Id(1)] string Optimizer,
    [property: Id(2)] double Spectrum,
    [property: Id(3)] int Size,
    [property: Id(4)] int Seed,
    [property: Id(5)] double? LearningRateSetting,
    [property: Id(6)] CellStatus Status,
    [property: Id(7)] double FinalLoss,
    [property: Id(8)] double LearningRate,
    [property: Id(9)] int Attempts,
    [property: Id(10)] string? Silo,
    [property: Id(11)] double Seconds,
    [property: Id(12)] double FloatingPointOperations,
    [property: Id(13)] string? Error,
    [property: Id(14)] IReadOnlyList<string> AttemptOutcomes,
    [property: Id(15)] IReadOnlyDictionary<string, double>? Measurements = null,
    [property: Id(16)] int[]? CurveSteps = null,
    [property: Id(17)] double[]? CurveLosses = null);
