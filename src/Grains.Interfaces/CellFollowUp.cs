namespace Orchestrator.Grains;

/// <summary>
/// Where a cell stands for a sweep that follows it without asking it to run (<see cref="IRunGrain.FollowAsync"/>):
/// its stored <see cref="Report"/> when it has finished; else whether a kernel of it <see cref="Running"/> now, whose
/// report will follow. Neither means it is idle, and will stay so unless a sweep asks it to run.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CellFollowUp(
    [property: Id(0)] CellReport? Report,
    [property: Id(1)] bool Running);
