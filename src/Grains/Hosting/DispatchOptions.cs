namespace Orchestrator.Grains.Hosting;

/// <summary>How a sweep grain hands out cells and watches over them.</summary>
public sealed class DispatchOptions
{
    /// <summary>
    /// False for a silo that only answers questions (an embedded silo opened to read status or results): its sweep
    /// grains neither dispatch nor resume anything.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Most cells in flight per sweep; 0 (the default) sizes it from the cluster's kernel slots as
    /// <see cref="CellsPerSlot"/> × slots, so that slots never idle while a report travels, yet few cells wait in a
    /// silo's queue, from which they could not move to a silo that frees up or joins.
    /// </summary>
    public int Window { get; set; }

    /// <summary>In-flight cells per cluster kernel slot when <see cref="Window"/> is 0.</summary>
    public int CellsPerSlot { get; set; } = 2;

    /// <summary>How often in-flight cells are asked again; a cell whose silo died is restarted by that call.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// True where a durable reminder service runs (a cluster): a running sweep then holds a reminder, so that after
    /// a whole-cluster restart it reactivates and resumes without anyone asking.
    /// </summary>
    public bool UseReminders { get; set; }

    /// <summary>Period of a running sweep's reminder.</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often counters are written to storage at most (writes are coalesced between).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a finished sweep's progress gauges (cells by state, ETA) stay published after it finishes (completed,
    /// failed, or cancelled with nothing in flight), so that the scrape after the end sees the final counts; about one
    /// scrape interval. Then this silo stops publishing them.
    /// </summary>
    public TimeSpan FinishedGaugeGrace { get; set; } = TimeSpan.FromSeconds(30);
}
