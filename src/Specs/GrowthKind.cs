namespace Orchestrator.Specs;

/// <summary>How a spec submitted under an existing sweep name relates to the stored one (<see cref="SpecGrowth"/>).</summary>
public enum GrowthKind
{
    /// <summary>The same spec (equal fingerprints).</summary>
    Identical,

    /// <summary>
    /// Every stored cell is kept and the grid gains values (or only reorders them): settings, fit section and the other
    /// fields are unchanged, and only optimizers new to the grid may bring per-optimizer settings.
    /// </summary>
    Grown,

    /// <summary>Only the grid differs, and it lacks values the stored grid has: stored cells would go.</summary>
    Shrunk,

    /// <summary>A field outside the grid differs, or the grid's setting axes are not the same ones.</summary>
    Changed,
}
