namespace Orchestrator.Numerics.Random;

/// <summary>
/// Derives the seed of one independent random stream from a root seed, a purpose tag and an index (a row, a
/// sample, a step). Work split by rows or blocks draws from per-row streams, so results never depend on how many
/// threads did the work.
/// </summary>
public static class StreamSeeds
{
    public static ulong Derive(ulong root, ulong purpose, ulong index) =>
        SplitMix64.Combine(SplitMix64.Combine(root, purpose), index);

    public static ulong Derive(ulong root, ulong purpose, ulong index, ulong subIndex) =>
        SplitMix64.Combine(Derive(root, purpose, index), subIndex);

    /// <summary>A generator for the stream <c>(root, purpose, index)</c>.</summary>
    public static Xoshiro256StarStar Create(ulong root, ulong purpose, ulong index) =>
        new(Derive(root, purpose, index));
}
