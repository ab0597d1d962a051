namespace Orchestrator.Specs.Experiments.Synthetic;

/// <summary>What a <c>synthetic</c> cell does wrong on purpose, on a silo that allows fault injection.</summary>
public enum SyntheticFault
{
    None,

    /// <summary>Ends the silo process at once, as an out-of-memory kill or a native crash would.</summary>
    Crash,

    /// <summary>Never returns until cancelled, as a deadlocked kernel would.</summary>
    Hang,

    /// <summary>Allocates and touches <c>fault_mib</c> MiB and holds it for the cell's duration.</summary>
    Allocate,
}
