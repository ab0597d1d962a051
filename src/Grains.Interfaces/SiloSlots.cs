namespace Orchestrator.Grains;

/// <summary>
/// One silo's kernel slots as it last reported them: its address, its slots, the kernels it holds, and the memory
/// budget its kernels share (null when only slots bound them).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SiloSlots(
    [property: Id(0)] string Address,
    [property: Id(1)] int Capacity,
    [property: Id(2)] int Load,
    [property: Id(3)] long? MemoryBudgetBytes = null)
{
    /// <summary>True when a kernel that reserves <paramref name="bytes"/> can ever run on this silo.</summary>
    public bool Holds(long bytes) => MemoryBudgetBytes is not { } budget || bytes <= budget;
}
