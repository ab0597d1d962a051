using Orleans.Runtime.Placement;

namespace Orchestrator.Grains.Placement;

/// <summary>
/// Chooses the compatible silo with the most free kernel slots (capacity − kernels held), as the slot registry last
/// heard it, less what this director has placed there since, among the silos whose memory budget holds the cell
/// (<see cref="CellPlacement"/>); when none does, among all, where the cell then fails with the reason. The view is
/// refreshed at most every <see cref="RefreshInterval"/>; a silo the registry does not know yet (one that just joined)
/// counts as entirely free and large enough, so it is given work at once. Ties go to a random silo.
/// </summary>
public sealed class FreeSlotsPlacementDirector(IGrainFactory grains) : IPlacementDirector
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private Dictionary<string, SiloSlots> _view = [];
    private readonly Dictionary<string, int> _placedSinceRefresh = [];
    private DateTime _refreshedAt = DateTime.MinValue;

    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        if (silos.Length == 1)
        {
            return silos[0];
        }

        await RefreshAsync();
        var required = CellPlacement.RequiredBytes(target.RequestContextData);
        lock (_gate)
        {
            var candidates = silos.Select(s => (Silo: s, Key: s.ToParsableString())).ToList();
            var holding = candidates.Where(s => !_view.TryGetValue(s.Key, out var slots) || slots.Holds(required)).ToList();
            var best = (holding.Count > 0 ? holding : candidates)
                .Select(s => (s.Silo, s.Key, Free: Free(s.Key)))
                .GroupBy(s => s.Free)
                .MaxBy(g => g.Key)!
                .ToList();
            var chosen = best[Random.Shared.Next(best.Count)];
            _placedSinceRefresh[chosen.Key] = _placedSinceRefresh.GetValueOrDefault(chosen.Key) + 1;
            return chosen.Silo;
        }
    }

    private int Free(string silo) =>
        (_view.TryGetValue(silo, out var slots) ? slots.Capacity - slots.Load : int.MaxValue / 2)
        - _placedSinceRefresh.GetValueOrDefault(silo);

    private async Task RefreshAsync()
    {
        lock (_gate)
        {
            if (DateTime.UtcNow - _refreshedAt < RefreshInterval)
            {
                return;
            }

            _refreshedAt = DateTime.UtcNow;
        }

        try
        {
            var view = (await grains.GetGrain<ISlotRegistryGrain>(0).GetSilosAsync()).ToDictionary(s => s.Address);
            lock (_gate)
            {
                _view = view;
                _placedSinceRefresh.Clear();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Placement must not fail for want of a view: the last one (or none, which spreads at random) serves.
        }
    }
}
