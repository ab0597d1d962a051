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
    /// Most cells in flight per sweep. Keep it near the cluster's kernel slots (a little above, so slots never idle
    /// while a report travels): cells waiting in a silo's queue cannot move to a silo that frees up.
    /// </summary>
    public int Window { get; set; } = 8;

    /// <summary>How often in-flight cells are asked again; a cell whose silo died is restarted by that call.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often counters are written to storage at most (writes are coalesced between).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}
