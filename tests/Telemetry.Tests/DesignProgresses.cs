using Orchestrator.Grains;

namespace Orchestrator.Telemetry.Tests;

/// <summary>Adaptive sweeps' progress as the sweep grain reports it, built for the tests.</summary>
public static class DesignProgresses
{
    /// <summary>
    /// An uncertainty sweep with a target of 0.02 and a budget of 3600 core-seconds and 500 cells: gd at s = 1 meets the
    /// target, natural-gradient does not yet, and adam cannot be fitted yet.
    /// </summary>
    public static DesignProgress Running(string? stop = null) => new(
        Policy: "Uncertainty",
        TargetWidth: 0.02,
        BudgetSeconds: 3600,
        BudgetCells: 500,
        SpentSeconds: 812.5,
        CommittedSeconds: 950.25,
        CellsChosen: 45,
        Decisions: 12,
        Stop: stop,
        Series:
        [
            new SeriesDesignProgress("gd", 1.0, Alpha: 0.512, Width: 0.018, UnitsFinished: 14, UnitsQueued: 0, MeetsTarget: true),
            new SeriesDesignProgress("natural-gradient", 1.5, Alpha: 0.734, Width: 0.041, UnitsFinished: 11, UnitsQueued: 4, MeetsTarget: false),
            new SeriesDesignProgress("adam", 1.0, Alpha: null, Width: null, UnitsFinished: 2, UnitsQueued: 2, MeetsTarget: false),
        ]);
}
