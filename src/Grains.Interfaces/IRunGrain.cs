namespace Orchestrator.Grains;

/// <summary>
/// One cell, keyed by its cell id (a hash of its definition, so the same cell is the same grain in every sweep).
/// Runs the kernel off the Orleans scheduler within the silo's kernel slots and keeps a write-once result.
/// </summary>
[Alias("orchestrator.run")]
public interface IRunGrain : IGrainWithStringKey
{
    /// <summary>
    /// Asks for the cell to be run for <paramref name="assignment"/>'s sweep. Returns at once: the stored report when
    /// the cell has finished already (it is never computed twice), otherwise null, and the report follows through
    /// <see cref="ISweepGrain.ReportAsync"/>. Idempotent: asking again while it runs changes nothing.
    /// </summary>
    [Alias("run")]
    Task<CellReport?> RunAsync(CellAssignment assignment);

    /// <summary>
    /// Follows the cell for <paramref name="sweepId"/> without starting it: the stored report when it has finished;
    /// while a kernel of it runs, the report follows through <see cref="ISweepGrain.ReportAsync"/>; an idle cell is
    /// left idle. A cancelled sweep follows the cells it still waits for this way, so that a restart runs none again.
    /// </summary>
    [Alias("follow")]
    Task<CellFollowUp> FollowAsync(string sweepId);

    /// <summary>
    /// <paramref name="sweepId"/> no longer waits for this cell. When no sweep does, a running kernel is cancelled:
    /// the attempt is recorded as <c>cancelled</c>, it is not retried, and the cell stays unfinished, so that a later
    /// request runs it again. A finished cell is unchanged.
    /// </summary>
    [Alias("cancel")]
    Task CancelAsync(string sweepId);

    /// <summary>The cell's durable record: status, attempts and result.</summary>
    [Alias("record")]
    Task<CellRecord> GetRecordAsync();
}
