namespace Orchestrator.Numerics.Design;

/// <summary>
/// The full grid, seed-major: every series × size of the lowest seed, then of the next seed, and so on (within a seed,
/// in the sweep's dispatch order, i.e. by unit id). Stopped at any point, what it ran is the full grid with fewer
/// seeds (plus part of one more), the way researchers add seeds.
/// </summary>
public sealed class FullGridDesignPolicy : OrderedDesignPolicy
{
    protected override ulong Rank(DesignUnit unit, DesignSettings settings) => (ulong)((long)unit.Seed - int.MinValue);

    protected override string Describe(DesignSettings settings) => "next in seed-major order";
}
