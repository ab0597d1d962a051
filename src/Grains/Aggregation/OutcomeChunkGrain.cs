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
    /// <summary>
    /// Whether the chunk in memory holds outcomes that are not stored: a write that gave up leaves them here, and the
    /// next append stores them even if it brings nothing new.
    /// </summary>
    private bool _unsaved;

    public async Task AppendAsync(IReadOnlyList<CellOutcome> outcomes)
    {
        var stored = state.State.Outcomes;
        var known = stored.Select(o => o.CellId).ToHashSet(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            // A retried append (its first reply lost, or its write given up) brings outcomes this chunk holds already.
            if (known.Add(outcome.CellId))
            {
                stored.Add(outcome);
                _unsaved = true;
            }
        }

        if (_unsaved)
        {
            await state.WriteWithRetryAsync();
            _unsaved = false;
        }

        stored = state.State.Outcomes;

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
