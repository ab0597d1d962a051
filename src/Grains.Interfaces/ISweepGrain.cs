using Orleans.Concurrency;

namespace Orchestrator.Grains;

/// <summary>
/// One sweep, keyed by its name. Expands the grid into cells, dispatches them with a bounded window, counts what
/// comes back, and resumes after any restart without running a finished cell again.
/// </summary>
[Alias("orchestrator.sweep")]
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>Starts the sweep, or attaches to it when an identical spec was submitted before.</summary>
    [Alias("submit")]
    Task<SubmitOutcome> SubmitAsync(SweepSubmission submission);

    /// <summary>
    /// The counters as they are in memory. Interleaved with other calls, so that a busy sweep (thousands of reports
    /// queued) still answers at once; it only reads.
    /// </summary>
    [Alias("status"), AlwaysInterleave]
    Task<SweepStatus> GetStatusAsync();

    /// <summary>The stored spec in canonical JSON, or null when no sweep has this name.</summary>
    [Alias("spec")]
    Task<string?> GetSpecAsync();

    /// <summary>A run grain's report of a finished cell. Reports for cells not in flight are ignored.</summary>
    [Alias("report")]
    Task ReportAsync(CellReport report);

    /// <summary>Stops dispatching; cells already running finish and are counted.</summary>
    [Alias("cancel")]
    Task<SweepStatus> CancelAsync();

    /// <summary>
    /// Stops dispatching and cancels the cells running now: their kernels are stopped, and they end as cancelled (not
    /// failed, not retried). Finished cells are kept.
    /// </summary>
    [Alias("cancel-now")]
    Task<SweepStatus> CancelNowAsync();
}
