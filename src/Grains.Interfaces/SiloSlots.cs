namespace Orchestrator.Grains;

/// <summary>One silo's kernel slots as it last reported them: its address, its slots and the kernels it holds.</summary>
[GenerateSerializer, Immutable]
public sealed record SiloSlots(
    [property: Id(0)] string Address,
    [property: Id(1)] int Capacity,
    [property: Id(2)] int Load);
