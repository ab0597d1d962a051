namespace Orchestrator.Grains;

/// <summary>
/// What a kernel produced for one cell, at full precision. The loss curve is sampled at log-spaced steps
/// (<see cref="CurveSteps"/>[i] ↦ <see cref="CurveLosses"/>[i]). <see cref="Measurements"/> holds the named numbers an
/// experiment measures beyond the loss (e.g. <c>hard_rank_tail</c> of <c>ffn-spectral-rank</c>); null when it has none.
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
    [property: Id(8)] double[] CurveLosses,
    [property: Id(9)] IReadOnlyDictionary<string, double>? Measurements = null);
