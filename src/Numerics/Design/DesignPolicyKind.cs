namespace Orchestrator.Numerics.Design;

/// <summary>How an adaptive sweep orders its candidate cells.</summary>
public enum DesignPolicyKind
{
    /// <summary>Cells that shrink the widest α intervals most per second of cost, with a share kept for space-filling.</summary>
    Uncertainty,

    /// <summary>The comparison policy: every candidate seed-major (every series × size of a seed before the next seed), as researchers add seeds.</summary>
    FullGrid,

    /// <summary>The comparison policy: every candidate in a random order fixed by <see cref="DesignSettings.Seed"/>.</summary>
    RandomOrder,
}
