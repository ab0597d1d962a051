namespace Orchestrator.Grains.Sweeps;

/// <summary>How an adaptive sweep dispatches: the cells its aggregator's stored decisions choose.</summary>
public sealed partial class SweepGrain
{
    /// <summary>Asks the aggregator where the design stands with every outcome stored; a failure leaves it unknown.</summary>
    private async Task RefreshDesignProgressAsync()
    {
        try
        {
            _designProgress = await Aggregator.GetDesignProgressAsync();
        }
        catch (Exception ex)
        {
            LogAskFailed(ex, SweepId, "(design progress)");
        }
    }

    /// <summary>Cells chosen (all of them, for a sweep that runs its grid) and not yet dispatched.</summary>
    private bool HasUndispatched => state.State.Adaptive ? state.State.Queue.Count > 0 : state.State.NextIndex < state.State.Total;

    /// <summary>Whether no cell will be dispatched again: every cell is out, or the design stopped choosing.</summary>
    private bool AllDispatched => !HasUndispatched && (!state.State.Adaptive || state.State.DesignStop is not null);

    private int? TakeNextIndex()
    {
        var s = state.State;
        if (s.Adaptive)
        {
            if (s.Queue.Count == 0)
            {
                return null;
            }

            var next = s.Queue[0];
            s.Queue.RemoveAt(0);
            return next;
        }

        return s.NextIndex < s.Total ? s.NextIndex++ : null;
    }

    /// <summary>
    /// Asks the aggregator for the adaptive design's next decision, after handing it every counted outcome so that
    /// the decision knows them; true when it chose cells. A failure chooses nothing: the next reconciliation asks again.
    /// </summary>
    private async Task<bool> DecideAsync()
    {
        var s = state.State;
        if (!s.Adaptive || s.DesignStop is not null)
        {
            return false;
        }

        try
        {
            if (!_designConfigured)
            {
                await Aggregator.ConfigureDesignAsync([.. s.EarlierSpecs, s.Spec!]);
                _designConfigured = true;
            }

            await SendOutcomesAsync();
            var step = await Aggregator.DecideAsync(s.Decisions, _window - s.InFlight.Count);
            _designProgress = step.Progress;
            if (step.CellIndices.Count == 0 && step.Stop is null)
            {
                // It waits for the running cells' results; the next report asks again.
                return false;
            }

            s.Decisions++;
            s.Queue.AddRange(step.CellIndices);
            s.DesignStop = step.Stop;
            _dirty = true;
            return step.CellIndices.Count > 0;
        }
        catch (Exception ex)
        {
            LogAskFailed(ex, SweepId, "(design decision)");
            return false;
        }
    }
}
