using Orchestrator.Grains.Hosting;
using Orchestrator.Grains.Telemetry;

namespace Orchestrator.Grains.Sweeps;

/// <summary>A sweep's progress and design as gauges, published by the silo it is active on.</summary>
public sealed partial class SweepGrain
{
    /// <summary>
    /// A finished sweep's final counts stay published for <see cref="DispatchOptions.FinishedGaugeGrace"/> (so that
    /// the next scrape sees them), then this silo stops publishing them. The timer does not keep the grain active.
    /// </summary>
    private void DropProgressAfterGrace()
    {
        _gaugeTimer?.Dispose();
        _gaugeTimer = null;
        if (_options.FinishedGaugeGrace <= TimeSpan.Zero)
        {
            StopPublishing();
            return;
        }

        _gaugeTimer = this.RegisterGrainTimer(
            () =>
            {
                _gaugeTimer?.Dispose();
                _gaugeTimer = null;
                if (!HasWorkInFlight)
                {
                    StopPublishing();
                }

                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(_options.FinishedGaugeGrace, Timeout.InfiniteTimeSpan));
    }

    private void PublishProgress()
    {
        var s = Status();
        var finished = s.Done + s.Failed;
        // An adaptive sweep has no ETA while its policy may still choose more cells.
        var eta = s.IsFinished ? 0
            : s.Design is not null ? (double?)null
            : SweepEta.EstimateSeconds(finished - _finishedAtActivation, s.Total - finished, _clock.Elapsed);
        metrics.SetSweepProgress(SweepId, s.Pending, s.Running, s.Done - s.Diverged, s.Failed, s.Diverged, eta);
        if (s.Design is { } design)
        {
            metrics.SetDesignProgress(SweepId, design);
        }
    }

    /// <summary>This silo stops publishing the sweep's progress and design.</summary>
    private void StopPublishing()
    {
        metrics.RemoveSweepProgress(SweepId);
        metrics.RemoveDesign(SweepId);
    }
}
