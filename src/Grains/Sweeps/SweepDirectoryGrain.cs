using Orchestrator.Grains.Hosting;
using Orchestrator.Grains.Storage;

namespace Orchestrator.Grains.Sweeps;

/// <summary>
/// The directory of sweeps. Written once per started sweep (not per cell), so its one row stays small and rarely
/// written; a registration that changes nothing writes nothing.
/// </summary>
public sealed class SweepDirectoryGrain(
    [PersistentState("sweeps", StorageNames.Default)] IPersistentState<SweepDirectoryState> state) : Grain, ISweepDirectoryGrain
{
    public async Task RegisterAsync(SweepEntry entry)
    {
        if (state.State.Sweeps.TryGetValue(entry.Sweep, out var known) && known == entry.SubmittedAt)
        {
            return;
        }

        state.State.Sweeps[entry.Sweep] = entry.SubmittedAt;
        await state.WriteWithRetryAsync();
    }

    public Task<IReadOnlyList<SweepEntry>> ListAsync() => Task.FromResult<IReadOnlyList<SweepEntry>>(
        state.State.Sweeps
            .Select(s => new SweepEntry(s.Key, s.Value))
            .OrderBy(s => s.SubmittedAt)
            .ThenBy(s => s.Sweep, StringComparer.Ordinal)
            .ToList());
}
