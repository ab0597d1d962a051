namespace Orchestrator.Grains;

/// <summary>
/// One series of an adaptive sweep as status shows it: its power-law α and interval (null until it can be fitted),
/// whether it meets the target, and its units finished and queued (chosen by the policy and not finished yet).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SeriesDesignProgress(
    [property: Id(0)] string Optimizer,
    [property: Id(1)] double Spectrum,
    [property: Id(2)] double? Alpha,
    [property: Id(3)] double? Width,
    [property: Id(4)] int UnitsFinished,
    [property: Id(5)] int UnitsQueued,
    [property: Id(6)] bool MeetsTarget);
