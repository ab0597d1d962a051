namespace Orchestrator.Grains.Aggregation;

/// <summary>
/// A fixed-capacity slice of a sweep's finished cells, in the order they arrived, keyed
/// <c>{sweep}/{generation}/{index}</c> (see <see cref="OutcomeChunkKey"/>). Chunks are what make storing a finished
/// cell cost the same whatever the sweep's size: only the chunk being filled is written.
/// </summary>
[Alias("orchestrator.outcome-chunk")]
public interface IOutcomeChunkGrain : IGrainWithStringKey
{
    /// <summary>Appends outcomes (ids already present are skipped) and stores the chunk before it returns.</summary>
    [Alias("append")]
    Task AppendAsync(IReadOnlyList<CellOutcome> outcomes);

    /// <summary>The stored outcomes, in arrival order.</summary>
    [Alias("get")]
    Task<IReadOnlyList<CellOutcome>> GetAsync();

    /// <summary>Removes the chunk from storage.</summary>
    [Alias("clear")]
    Task ClearAsync();
}
