namespace Orchestrator.Grains.Capacity;

/// <summary>
/// In-memory registry of the silos' kernel slots. It needs no storage: were it lost, every silo reports again within
/// <see cref="SlotReporter.Period"/>.
/// </summary>
public sealed class SlotRegistryGrain(TimeProvider clock) : Grain, ISlotRegistryGrain
{
    /// <summary>A silo silent for this long is taken to be gone.</summary>
    public static readonly TimeSpan Expiry = SlotReporter.Period * 3;

    private readonly Dictionary<string, (int Slots, DateTimeOffset Seen)> _silos = [];

    public Task ReportAsync(string silo, int slots)
    {
        _silos[silo] = (slots, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task<int> GetTotalSlotsAsync()
    {
        var now = clock.GetUtcNow();
        foreach (var gone in _silos.Where(s => now - s.Value.Seen > Expiry).Select(s => s.Key).ToList())
        {
            _silos.Remove(gone);
        }

        return Task.FromResult(_silos.Values.Sum(s => s.Slots));
    }
}
