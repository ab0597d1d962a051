namespace Orchestrator.Grains;

/// <summary>
/// Where an adaptive sweep stands, as of its latest decision: the policy, the target and budgets it runs to
/// (null where the spec sets none), the core-seconds spent on finished cells and committed (spent plus the estimated
/// cost of running units), the cells chosen so far, the decisions taken, why it stopped choosing (null while it
/// goes on: a <c>DesignStop</c> name), and every series.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DesignProgress(
    [property: Id(0)] string Policy,
    [property: Id(1)] double? TargetWidth,
    [property: Id(2)] double? BudgetSeconds,
    [property: Id(3)] int? BudgetCells,
    [property: Id(4)] double SpentSeconds,
    [property: Id(5)] double CommittedSeconds,
    [property: Id(6)] int CellsChosen,
    [property: Id(7)] int Decisions,
    [property: Id(8)] string? Stop,
    [property: Id(9)] IReadOnlyList<SeriesDesignProgress> Series);
