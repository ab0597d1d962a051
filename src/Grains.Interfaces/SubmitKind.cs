namespace Orchestrator.Grains;

[GenerateSerializer]
public enum SubmitKind
{
    /// <summary>A new sweep was stored and started.</summary>
    Started,
    /// <summary>An identical spec was stored already: the caller follows the existing sweep.</summary>
    Attached,
    /// <summary>A different spec is stored under this name; nothing was changed.</summary>
    Conflict,

    /// <summary>
    /// The cluster cannot run this spec (an undeclared runner, a refused option), or a cancelled sweep was asked to
    /// grow; nothing was stored.
    /// </summary>
    Rejected,

    /// <summary>
    /// The spec adds grid values to the stored one and changes nothing else: the sweep keeps its cells and runs the
    /// new ones (<see cref="SubmitOutcome.AddedCells"/>), then refits.
    /// </summary>
    Grown,

    /// <summary>
    /// The spec lacks grid values the stored one has (<see cref="SubmitOutcome.Differences"/> lists them, and
    /// <see cref="SubmitOutcome.RemovedCells"/> counts the cells that would go); nothing was changed.
    /// </summary>
    Shrunk,
}
