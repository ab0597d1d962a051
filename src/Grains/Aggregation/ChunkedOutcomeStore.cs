namespace Orchestrator.Grains.Aggregation;

/// <summary>
/// A sweep's finished cells, held in memory and stored in fixed-size chunks in arrival order. Storing new outcomes
/// writes only the chunk(s) they land in, so the bytes written per cell do not depend on how many cells came before.
/// Chunks are filled strictly in order, and a chunk is written before the next one is started, so the stored chunks
/// are always a run of full chunks followed by at most one partly filled chunk; loading reads them until the first
/// empty one.
/// </summary>
public sealed class ChunkedOutcomeStore(IGrainFactory grains, string sweep, int generation)
{
    /// <summary>How many chunks are read at once when loading.</summary>
    private const int LoadBatch = 16;

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly List<CellOutcome> _inArrivalOrder = [];
    private readonly List<CellOutcome> _unsaved = [];
    private int _chunk;
    private int _chunkFill;

    /// <summary>Every outcome known, stored or not, in arrival order.</summary>
    public IReadOnlyList<CellOutcome> Outcomes => _inArrivalOrder;

    /// <summary>Reads the stored chunks; returns the outcomes found, in arrival order.</summary>
    public async Task<IReadOnlyList<CellOutcome>> LoadAsync()
    {
        while (true)
        {
            var batch = await Task.WhenAll(Enumerable.Range(_chunk, LoadBatch).Select(i => Chunk(i).GetAsync()));
            foreach (var chunk in batch)
            {
                foreach (var outcome in chunk)
                {
                    Remember(outcome);
                }

                if (chunk.Count < OutcomeChunkKey.Capacity)
                {
                    _chunkFill = chunk.Count;
                    return _inArrivalOrder;
                }

                _chunk++;
            }
        }
    }

    /// <summary>Adds what is new among <paramref name="outcomes"/>; returns the new ones. Nothing is stored yet.</summary>
    public IReadOnlyList<CellOutcome> Add(IEnumerable<CellOutcome> outcomes)
    {
        var added = new List<CellOutcome>();
        foreach (var outcome in outcomes)
        {
            if (Remember(outcome))
            {
                _unsaved.Add(outcome);
                added.Add(outcome);
            }
        }

        return added;
    }

    /// <summary>
    /// Stores every outcome not yet stored. On failure (a write that gave up) the rest stays unsaved and the next call
    /// stores it, even a call that adds nothing new; a chunk written twice because its reply was lost is harmless,
    /// since a chunk skips outcomes it holds already.
    /// </summary>
    public async Task SaveAsync()
    {
        while (_unsaved.Count > 0)
        {
            var take = Math.Min(_unsaved.Count, OutcomeChunkKey.Capacity - _chunkFill);
            await Chunk(_chunk).AppendAsync(_unsaved.GetRange(0, take));
            _unsaved.RemoveRange(0, take);
            _chunkFill += take;
            if (_chunkFill == OutcomeChunkKey.Capacity)
            {
                _chunk++;
                _chunkFill = 0;
            }
        }
    }

    /// <summary>Removes every stored chunk (those <see cref="LoadAsync"/> found or <see cref="SaveAsync"/> wrote).</summary>
    public async Task ClearAsync()
    {
        var stored = _chunkFill > 0 ? _chunk + 1 : _chunk;
        await Task.WhenAll(Enumerable.Range(0, stored).Select(i => Chunk(i).ClearAsync()));
    }

    private bool Remember(CellOutcome outcome)
    {
        if (!_ids.Add(outcome.CellId))
        {
            return false;
        }

        _inArrivalOrder.Add(outcome);
        return true;
    }

    private IOutcomeChunkGrain Chunk(int index) =>
        grains.GetGrain<IOutcomeChunkGrain>(OutcomeChunkKey.Of(sweep, generation, index));
}
