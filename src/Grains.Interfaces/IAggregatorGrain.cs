using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Grains;

/// <summary>
/// The fits of one sweep (keyed by sweep name). Receives each finished cell once, refits only the series it touches
/// and serves the current fits while the sweep runs.
/// </summary>
[Alias("orchestrator.aggregator")]
public interface IAggregatorGrain : IGrainWithStringKey
{
    /// <summary>Starts the sweep's fits afresh with these settings, forgetting any cells of an earlier run.</summary>
    [Alias("configure")]
    Task ConfigureAsync(AggregatorSettings settings);

    /// <summary>
    /// Fits the same cells with new settings (a grown grid whose derived settings moved, e.g. its largest steps),
    /// keeping every cell added so far.
    /// </summary>
    [Alias("update-settings")]
    Task UpdateSettingsAsync(AggregatorSettings settings);

    /// <summary>
    /// Adds finished cells and stores them before it returns, so that a sweep may count them as soon as this
    /// completes. A second outcome for a cell id already added changes nothing.
    /// </summary>
    [Alias("add")]
    Task AddAsync(IReadOnlyList<CellOutcome> outcomes);

    /// <summary>The current analysis alone, as in <see cref="SweepResults.Analysis"/>: cheap to ask often.</summary>
    [Alias("analysis")]
    Task<SweepAnalysis> GetAnalysisAsync();

    /// <summary>Every finished cell and the current fits (refitting first if results arrived since the last fit).</summary>
    [Alias("results")]
    Task<SweepResults> GetResultsAsync();
}
