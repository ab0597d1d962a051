using Orchestrator.Specs;

namespace Orchestrator.Grains.Sweeps;

/// <summary>How a sweep is cancelled: waiting for its running cells, or letting them go at once.</summary>
public sealed partial class SweepGrain
{
    /// <summary>
    /// Tells the replaced generation's cells in flight that this sweep no longer waits for them, as cancel --now
    /// does, so that their kernels give their slots back. A cell that is also in the new grid is the same cell (its
    /// id is its definition): it is left running and counts for the new generation when it is dispatched again.
    /// </summary>
    private async Task CancelReplacedCellsAsync(IReadOnlyList<string> replacedInFlight)
    {
        if (replacedInFlight.Count == 0)
        {
            return;
        }

        var current = Cells().Select(c => c.Id).ToHashSet();
        await Task.WhenAll(replacedInFlight.Where(id => !current.Contains(id)).Select(async cellId =>
        {
            try
            {
                await GrainFactory.GetGrain<IRunGrain>(cellId).CancelAsync(SweepId);
            }
            catch (Exception ex)
            {
                // The sweep no longer waits for this cell either way; a kernel left running ends and stores its result.
                LogAskFailed(ex, SweepId, cellId);
            }
        }));
    }

    public async Task<SweepStatus> CancelAsync()
    {
        if (state.State.State == SweepState.Running)
        {
            state.State.State = SweepState.Cancelled;
            state.State.FinishedAt = DateTimeOffset.UtcNow;
            LogCancelled(SweepId, state.State.InFlight.Count);
            if (state.State.InFlight.Count == 0)
            {
                // Nothing left to wait for: the sweep is finished now.
                await CompleteIfFinishedAsync();
            }
            else
            {
                await FlushAsync();
            }
        }

        return Status();
    }

    /// <summary>
    /// Cancels the sweep and forgets its cells in flight, stores that once, and only then tells the cells: a crash
    /// at any point after the store finds a cancelled sweep with nothing in flight, which restarts no cell.
    /// </summary>
    public async Task<SweepStatus> CancelNowAsync()
    {
        var s = state.State;
        var running = s.InFlight.Keys.ToList();
        if (s.State != SweepState.Running && running.Count == 0)
        {
            return Status();
        }

        if (s.State == SweepState.Running)
        {
            s.State = SweepState.Cancelled;
            s.FinishedAt = DateTimeOffset.UtcNow;
            LogCancelled(SweepId, running.Count);
        }

        // Forgotten before anything else, so that a report racing the cancellation is ignored rather than counted.
        s.InFlight.Clear();
        // A cancelled sweep with nothing in flight is finished: stored once, its timers, reminder and gauges let go.
        await CompleteIfFinishedAsync();
        await Task.WhenAll(running.Select(async cellId =>
        {
            try
            {
                await GrainFactory.GetGrain<IRunGrain>(cellId).CancelAsync(SweepId);
            }
            catch (Exception ex)
            {
                // The sweep no longer waits for this cell either way; a kernel left running ends and stores its result.
                LogAskFailed(ex, SweepId, cellId);
            }
        }));
        return Status();
    }

    /// <summary>
    /// A cancelled sweep waits for the cells that were running when it was cancelled, and starts none: a cell that
    /// is no longer running (its silo stopped) is let go unfinished, as a cell cancelled at once would be.
    /// </summary>
    private async Task FollowAsync(IReadOnlyList<CellDefinition> cells)
    {
        var followUps = await Task.WhenAll(cells.Select(async cell =>
        {
            try
            {
                return (cell.Id, FollowUp: await GrainFactory.GetGrain<IRunGrain>(cell.Id).FollowAsync(SweepId));
            }
            catch (Exception ex)
            {
                LogAskFailed(ex, SweepId, cell.Id);
                return (cell.Id, FollowUp: new CellFollowUp(null, Running: true));
            }
        }));

        foreach (var (cellId, followUp) in followUps)
        {
            if (followUp.Report is { } report)
            {
                Accept(report);
            }
            else if (!followUp.Running && state.State.InFlight.Remove(cellId))
            {
                _dirty = true;
            }
        }
    }
}
