using System.Globalization;
using Orchestrator.Numerics.Random;

namespace Orchestrator.Numerics.Design;

/// <summary>
/// Every unit in a random order fixed by <see cref="DesignSettings.Seed"/>: units ranked by the SplitMix64 hash of
/// (seed, unit id), ties by id. The order of two units never depends on the others, so a grown sweep's new units
/// fall among the old ones without reordering them.
/// </summary>
public sealed class RandomOrderDesignPolicy : OrderedDesignPolicy
{
    protected override ulong Rank(DesignUnit unit, DesignSettings settings) => SplitMix64.Combine(settings.Seed, (ulong)unit.Id);

    protected override string Describe(DesignSettings settings) =>
        string.Create(CultureInfo.InvariantCulture, $"next in random order (seed {settings.Seed})");
}
