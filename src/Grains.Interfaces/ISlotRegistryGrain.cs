namespace Orchestrator.Grains;

/// <summary>
/// How many kernel slots the cluster has: every silo reports its own every few seconds, and a silo not heard from
/// for a while no longer counts. Sweeps size their dispatch window from the total. Key: 0.
/// </summary>
[Alias("orchestrator.slots")]
public interface ISlotRegistryGrain : IGrainWithIntegerKey
{
    [Alias("report")]
    Task ReportAsync(string silo, int slots);

    [Alias("total")]
    Task<int> GetTotalSlotsAsync();
}
