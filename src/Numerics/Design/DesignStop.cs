namespace Orchestrator.Numerics.Design;

/// <summary>Why an adaptive sweep starts no more units.</summary>
public enum DesignStop
{
    /// <summary>Every series' α interval is at most the target wide.</summary>
    TargetMet,

    /// <summary>The next unit would take the spend past the budget.</summary>
    BudgetSpent,

    /// <summary>
    /// Every candidate has been chosen, or, with nothing running, none is left that could shrink an interval still
    /// above the target.
    /// </summary>
    CandidatesExhausted,
}
