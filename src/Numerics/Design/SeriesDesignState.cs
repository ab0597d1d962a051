namespace Orchestrator.Numerics.Design;

/// <summary>
/// Where one series stands at a decision: its power-law α and the interval's width from the finished units (null
/// until it has three usable units at two sizes or more), and its units finished and running.
/// </summary>
public sealed record SeriesDesignState(
    string Optimizer,
    double Spectrum,
    double? Alpha,
    double? Width,
    int UnitsFinished,
    int UnitsRunning,
    bool MeetsTarget);
