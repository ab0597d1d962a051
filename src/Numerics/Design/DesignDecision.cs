namespace Orchestrator.Numerics.Design;

/// <summary>
/// The units to start now (at most the input's capacity), or why none will be started again (<see cref="Stop"/>).
/// Neither means "wait": the running units may change the picture. It carries its diagnostics: every series' state,
/// the core-seconds spent on finished cells, and those committed (spent plus the estimated cost of running units).
/// </summary>
public sealed record DesignDecision(
    IReadOnlyList<DesignChoice> Choices,
    DesignStop? Stop,
    IReadOnlyList<SeriesDesignState> Series,
    double SpentSeconds,
    double CommittedSeconds);
