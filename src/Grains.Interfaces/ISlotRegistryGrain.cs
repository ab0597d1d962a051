namespace Orchestrator.Grains;

/// <summary>
/// How many kernel slots the cluster has and how busy they are: every silo reports its own every second, and a silo
/// not heard from for a while no longer counts. Sweeps size their dispatch window from the total; placement sends a
/// new run grain to the silo with the most free slots. Key: 0.
/// </summary>
[Alias("orchestrator.slots")]
public interface ISlotRegistryGrain : IGrainWithIntegerKey
{
    [Alias("report")]
    Task ReportAsync(SiloSlots slots);

    [Alias("total")]
    Task<int> GetTotalSlotsAsync();

    [Alias("silos")]
    Task<IReadOnlyList<SiloSlots>> GetSilosAsync();
}
