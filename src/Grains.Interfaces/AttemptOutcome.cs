namespace Orchestrator.Grains;

/// <summary>
/// How one try at running a cell ended. Its <see cref="AttemptOutcomes.Label"/> is the word stored, exported in
/// results (<c>attempt_outcomes</c>) and used as the telemetry label.
/// </summary>
[GenerateSerializer]
public enum AttemptOutcome
{
    /// <summary>Still running, or its silo stopped before it could record an end.</summary>
    Running,
    Succeeded,

    /// <summary>A non-finite or exploding loss: a result, not an error.</summary>
    Diverged,
    Failed,

    /// <summary>Its silo stopped before it ended; it runs again, unless its cell was abandoned three times (then failed).</summary>
    Abandoned,

    /// <summary>No sweep waits for it any more (<c>cancel --now</c>).</summary>
    Cancelled,
}
