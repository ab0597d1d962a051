namespace Orchestrator.Grains;

/// <summary>
/// The fits of one sweep (keyed by sweep name). Receives each finished cell once, refits only the series it touches
/// and serves the current fits while the sweep runs.
/// </summary>
[Alias("orchestrator.aggregator")]
public interface IAggregatorGrain : IGrainWithStringKey
{
    [Alias("configure")]
    Task ConfigureAsync(AggregatorSettings settings);

    /// <summary>Adds a finished cell. A second outcome for the same cell id changes nothing.</summary>
    [Alias("add")]
    Task AddAsync(CellOutcome outcome);

    /// <summary>
    /// Writes the cells added so far to storage. A sweep calls it before it stores its own counters, so that a cell
    /// counted as done is never missing from the fits after a crash.
    /// </summary>
    [Alias("flush")]
    Task FlushAsync();

    /// <summary>Every finished cell and the current fits (refitting first if results arrived since the last fit).</summary>
    [Alias("results")]
    Task<SweepResults> GetResultsAsync();
}
