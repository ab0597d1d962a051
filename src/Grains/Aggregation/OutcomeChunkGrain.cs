using Orleans.Placement;
using Orchestrator.Grains.Hosting;
using Orchestrator.Grains.Storage;

namespace Orchestrator.Grains.Aggregation;

/// <summary>
/// Stores one chunk of a sweep's outcomes for its aggregator, which is its only caller; placed on the caller's silo
/// so that appending costs no network hop. A full chunk never changes again and deactivates when idle.
/// </summary>
[PreferLocalPlacement]
public sealed class OutcomeChunkGrain(
    [PersistentState("outcomes", StorageNames.Default)] IPersistentState<OutcomeChunkState> state) : Grain, IOutcomeChunkGrain
{
    public async Task AppendAsync(IReadOnlyList<CellOutcome> outcomes)
    {
        var stored = state.State.Outcomes;
        var known = stored.Select(o => o.CellId).ToHashSet(StringComparer.Ordinal);
        var added = false;
        foreach (var outcome in outcomes)
        {
            // A retried append (its first reply lost) brings outcomes that are stored already.
            if (known.Add(outcome.CellId))
            {
                stored.Add(outcome);
                added = true;
            }
        }

        if (added)
        {
            await state.WriteWithRetryAsync();
        }

        if (stored.Count >= OutcomeChunkKey.Capacity)
        {
            DeactivateOnIdle();
        }
    }

    public Task<IReadOnlyList<CellOutcome>> GetAsync() => Task.FromResult<IReadOnlyList<CellOutcome>>(state.State.Outcomes);

    public async Task ClearAsync()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        DeactivateOnIdle();
    }
}
