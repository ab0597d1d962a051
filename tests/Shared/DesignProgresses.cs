using Orchestrator.Grains;

namespace Orchestrator.Testing;

/// <summary>An adaptive sweep's progress and decisions as the grains report them, built for the tests.</summary>
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

    /// <summary>
    /// Three decisions: an initial design of two units, one exploit and one explore unit, then a stop on the target;
    /// the second does not replay when <paramref name="secondReplays"/> is false.
    /// </summary>
    public static IReadOnlyList<DesignLogEntry> Log(bool secondReplays = true) =>
    [
        new DesignLogEntry(1, KnownOutcomes: 0, Capacity: 4,
        [
            new DesignLogChoice("gd", 1.0, 32, 0, "Initial", "smallest size, first seed"),
            new DesignLogChoice("gd", 1.0, 512, 0, "Initial", "largest size, first seed"),
        ], Stop: null, Replayed: true, CommittedSeconds: 12.5),
        new DesignLogEntry(2, KnownOutcomes: 2, Capacity: 2,
        [
            new DesignLogChoice("natural-gradient", 1.5, 512, 1, "Exploit", "width 0.041 -> 0.033 predicted, 3.1 core-s"),
            new DesignLogChoice("gd", 1.0, 128, 1, "Explore", "size seen least (0 of 2 seeds)"),
        ], Stop: null, Replayed: secondReplays, CommittedSeconds: 20.75),
        new DesignLogEntry(3, KnownOutcomes: 4, Capacity: 4, [], Stop: "TargetMet", Replayed: true, CommittedSeconds: 20.75),
    ];
}
