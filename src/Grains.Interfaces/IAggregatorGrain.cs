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

    /// <summary>
    /// Sets the candidates of an adaptive sweep (every cell of these canonical specs, oldest first, in the sweep's
    /// dispatch order) and its design settings (the latest spec's <c>adaptive</c> section), keeping the decisions taken.
    /// </summary>
    [Alias("configure-design")]
    Task ConfigureDesignAsync(IReadOnlyList<string> specs);

    /// <summary>
    /// Decision <paramref name="number"/> of the sweep's design: the cells to start, at most
    /// <paramref name="capacity"/> cells' worth of units (one unit at least), chosen from the outcomes stored so far.
    /// The decision is stored before it is answered; asked again for a number already decided, the stored decision is
    /// answered.
    /// </summary>
    [Alias("decide")]
    Task<DesignStep> DecideAsync(int number, int capacity);

    /// <summary>Where an adaptive sweep's design stands with every outcome stored so far; null for another sweep.</summary>
    [Alias("design-progress")]
    Task<DesignProgress?> GetDesignProgressAsync();

    /// <summary>Every stored decision with its reasons, each replayed from the stored outcomes it knew.</summary>
    [Alias("design-log")]
    Task<IReadOnlyList<DesignLogEntry>> GetDesignLogAsync();

    /// <summary>The current analysis alone, as in <see cref="SweepResults.Analysis"/>: cheap to ask often.</summary>
    [Alias("analysis")]
    Task<SweepAnalysis> GetAnalysisAsync();

    /// <summary>Every finished cell and the current fits (refitting first if results arrived since the last fit).</summary>
    [Alias("results")]
    Task<SweepResults> GetResultsAsync();
}
