namespace Orchestrator.Grains.Capacity;

/// <summary>
/// In-memory registry of the silos' kernel slots. It needs no storage: were it lost, every silo reports again within
/// <see cref="SlotReporter.Period"/>.
/// </summary>
public sealed class SlotRegistryGrain(TimeProvider clock) : Grain, ISlotRegistryGrain
{
    /// <summary>A silo silent for this long is taken to be gone.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, (SiloSlots Slots, DateTimeOffset Seen)> _silos = [];

    public Task ReportAsync(SiloSlots slots)
    {
        _silos[slots.Address] = (slots, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task<int> GetTotalSlotsAsync() => Task.FromResult(Alive().Sum(s => s.Capacity));

    public Task<IReadOnlyList<SiloSlots>> GetSilosAsync() => Task.FromResult<IReadOnlyList<SiloSlots>>(Alive());

    private List<SiloSlots> Alive()
    {
        var now = clock.GetUtcNow();
        foreach (var gone in _silos.Where(s => now - s.Value.Seen > Expiry).Select(s => s.Key).ToList())
        {
            _silos.Remove(gone);
        }

        return _silos.Values.Select(s => s.Slots).ToList();
    }
}
