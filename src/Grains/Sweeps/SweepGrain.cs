using Orchestrator.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Grains.Hosting;
using Orchestrator.Grains.Placement;
using Orchestrator.Grains.Telemetry;
using Orchestrator.Numerics.Training;
using Orchestrator.Specs;
using Orchestrator.Specs.Experiments;

namespace Orchestrator.Grains.Sweeps;

/// <summary>
/// A sweep: stores the spec, dispatches cells with a bounded window, and counts reports. Counters are flushed on a
/// timer rather than on every report; a crash between flushes loses nothing, because a cell still marked in flight
/// is asked again and its run grain answers with the stored result.
/// </summary>
[GrainType(GrainTypeName)]
public sealed partial class SweepGrain(
    [PersistentState("sweep", StorageNames.Default)] IPersistentState<SweepGrainState> state,
    IOptions<DispatchOptions> options,
    ExperimentHost host,
    OrchestratorMetrics metrics,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain, IRemindable
{
    private const string ResumeReminder = "resume";

    private readonly DispatchOptions _options = options.Value;
    private IReadOnlyList<CellDefinition>? _cells;
    private int _window = 2;
    // ETA counts what this activation has seen finish, so a resumed sweep's rate is not diluted by the gap.
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private int _finishedAtActivation;
    private bool _dirty;
    // Finished cells counted in memory but not yet handed to the aggregator; sent in one batch per flush.
    private readonly List<CellOutcome> _unsentOutcomes = [];
    private IGrainTimer? _flushTimer;
    private IGrainTimer? _reconcileTimer;
    // Drops a finished sweep's progress gauges once the grace has passed.
    private IGrainTimer? _gaugeTimer;
    // Whether this activation has seen the resume reminder in place; until then every reconciliation looks again.
    private bool _reminderEnsured;
    // An adaptive sweep's design as of its latest decision (or as its aggregator last told it).
    private DesignProgress? _designProgress;
    // Whether this activation has handed its specs to the aggregator's design (once per activation, so they agree).
    private bool _designConfigured;

    private string SweepId => this.GetPrimaryKeyString();

    /// <summary>The grain type of sweeps, fixed so that stored state and the aggregator's owner check keep their ids.</summary>
    public const string GrainTypeName = "sweep";

    private IAggregatorGrain Aggregator => GrainFactory.GetGrain<IAggregatorGrain>(SweepId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _finishedAtActivation = state.State.Done + state.State.Failed;
        if (HasWorkInFlight)
        {
            // Whatever lost it (a failure between storing the sweep and registering it, a table restored from an
            // older copy), a running sweep holds its reminder again from its first activation on.
            await EnsureReminderAsync();
            if (_options.Enabled)
            {
                // The progress moves with the grain: the silo it left stopped publishing it.
                PublishProgress();
                StartTimers();
                await ReconcileAsync();
            }
        }
    }

    /// <summary>Running, or cancelled with cells still out whose reports are awaited.</summary>
    private bool HasWorkInFlight => state.State.State == SweepState.Running || state.State.InFlight.Count > 0;

    /// <summary>
    /// Flushes what is counted, then this silo stops publishing the sweep's progress: the grain's next activation
    /// (on whichever silo) publishes it again while the sweep runs, so no two silos export the same series.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            if (_dirty)
            {
                await FlushAsync();
            }
        }
        finally
        {
            _gaugeTimer?.Dispose();
            _gaugeTimer = null;
            StopPublishing();
        }
    }

    public async Task<SubmitOutcome> SubmitAsync(SweepSubmission submission)
    {
        if (state.State.Spec is { } stored && !submission.ReplaceExisting)
        {
            if (state.State.Fingerprint == submission.Fingerprint)
            {
                if (HasWorkInFlight)
                {
                    _reminderEnsured = false;
                    await EnsureReminderAsync();
                    if (_options.Enabled)
                    {
                        StartTimers();
                        await ReconcileAsync();
                    }
                }

                return new SubmitOutcome(SubmitKind.Attached, Status(), []);
            }

            var before = SweepSpec.FromCanonicalJson(stored);
            var after = SweepSpec.FromCanonicalJson(submission.CanonicalSpec);
            var growth = SpecGrowth.Compare(before, after);
            return growth.Kind switch
            {
                GrowthKind.Grown => await GrowAsync(before, after, submission, growth),
                GrowthKind.Shrunk => new SubmitOutcome(SubmitKind.Shrunk, Status(), growth.Changes,
                    RemovedCells: growth.RemovedCells),
                _ => new SubmitOutcome(SubmitKind.Conflict, Status(), growth.Changes),
            };
        }

        var spec = SweepSpec.FromCanonicalJson(submission.CanonicalSpec);
        var module = ExperimentRegistry.Get(spec.Experiment);
        // What only the cluster knows (its runners, whether it allows fault injection) is checked before anything is stored.
        if (module.CheckHost(spec, host) is { Count: > 0 } refused)
        {
            return new SubmitOutcome(SubmitKind.Rejected, Status(), [], refused.Select(e => e.ToString()).ToList());
        }

        // A replaced sweep's generation ends here: its counted but unsent cells are not the new one's results, and
        // its cells in flight are forgotten (a late report finds no cell in flight and is ignored).
        var replacedInFlight = state.State.InFlight.Keys.ToList();
        _unsentOutcomes.Clear();
        state.State = new SweepGrainState
        {
            Spec = submission.CanonicalSpec,
            Fingerprint = submission.Fingerprint,
            State = SweepState.Running,
            Total = spec.CellCount,
            StartedAt = DateTimeOffset.UtcNow,
            MaxAttempts = spec.Retries + 1,
            CellTimeout = spec.CellTimeout,
            Adaptive = spec.Adaptive is not null,
            // An adaptive sweep's policy chooses its order; its aggregator numbers the cells in the experiment's.
            DispatchOrderVersion = spec.Adaptive is null ? SweepGrainState.PilotFirstOrder : 0,
        };
        _cells = null;
        _designProgress = null;
        _gaugeTimer?.Dispose();
        _gaugeTimer = null;
        var fit = module.FitOptions(spec);
        await Aggregator.ConfigureAsync(AggregatorSettings.From(fit, spec.Experiment));
        _designConfigured = false;
        if (state.State.Adaptive)
        {
            await Aggregator.ConfigureDesignAsync([submission.CanonicalSpec]);
            _designConfigured = true;
        }
        // The reminder before the state: a sweep stored as running always has one. A reminder left by a write that
        // then failed finds no running sweep when it fires, and is given up.
        if (_options.UseReminders)
        {
            await this.RegisterOrUpdateReminder(ResumeReminder, _options.ReminderPeriod, _options.ReminderPeriod);
            _reminderEnsured = true;
        }

        await state.WriteWithRetryAsync();
        await GrainFactory.GetGrain<ISweepDirectoryGrain>(0).RegisterAsync(new SweepEntry(SweepId, state.State.StartedAt.Value));
        LogStarted(SweepId, state.State.Total);
        await CancelReplacedCellsAsync(replacedInFlight);

        StartTimers();
        await SizeWindowAsync();
        await DispatchAsync();
        return new SubmitOutcome(SubmitKind.Started, Status(), []);
    }

    public async Task<SweepStatus> GetStatusAsync()
    {
        if (state.State.Adaptive && _designProgress is null)
        {
            await RefreshDesignProgressAsync();
        }

        return Status();
    }

    /// <summary>
    /// Grows the sweep to <paramref name="after"/>'s grid: its cells keep their places in the dispatch order (and so
    /// their results and attempts), the new cells are appended after them, and a finished sweep runs again. The grown
    /// grid is stored before any new cell is handed out, so a crash at any point either left the sweep as it was (the
    /// resubmission grows it then) or finds it grown, with its new cells dispatched by the next activation.
    /// </summary>
    private async Task<SubmitOutcome> GrowAsync(SweepSpec before, SweepSpec after, SweepSubmission submission,
        SpecGrowth growth)
    {
        if (state.State.State == SweepState.Cancelled)
        {
            return new SubmitOutcome(SubmitKind.Rejected, Status(), [],
                [$"sweep '{SweepId}' was cancelled, so it would not run the new cells; pass --new to start it afresh with this grid"]);
        }

        var module = ExperimentRegistry.Get(after.Experiment);
        if (module.CheckHost(after, host) is { Count: > 0 } refused)
        {
            return new SubmitOutcome(SubmitKind.Rejected, Status(), [], refused.Select(e => e.ToString()).ToList());
        }

        // Settings derived from the grid (an experiment's largest steps) can move with it: the aggregator refits its
        // cells with the new ones before the sweep stores the grid, so a stored grown grid always has them.
        var settings = AggregatorSettings.From(module.FitOptions(after), after.Experiment);
        if (settings != AggregatorSettings.From(module.FitOptions(before), before.Experiment))
        {
            await Aggregator.UpdateSettingsAsync(settings);
        }

        var s = state.State;
        s.EarlierSpecs.Add(s.Spec!);
        s.Spec = submission.CanonicalSpec;
        s.Fingerprint = submission.Fingerprint;
        s.Total = after.CellCount;
        _cells = null;
        if (s.Adaptive)
        {
            // New candidates: the design looks again, over the grown grid, at its next decision.
            s.DesignStop = null;
            _designConfigured = false;
        }

        var wasFinished = s.State != SweepState.Running;
        if (wasFinished)
        {
            s.State = SweepState.Running;
            s.FinishedAt = null;
            // The ETA counts from here: the time the sweep sat finished is not its rate.
            _finishedAtActivation = s.Done + s.Failed;
            _clock.Restart();
            _gaugeTimer?.Dispose();
            _gaugeTimer = null;
            // As at the start: a sweep stored as running always has its reminder.
            _reminderEnsured = false;
            if (_options.UseReminders)
            {
                await this.RegisterOrUpdateReminder(ResumeReminder, _options.ReminderPeriod, _options.ReminderPeriod);
                _reminderEnsured = true;
            }
        }

        // Stores the grown grid (with any counted cells handed to the aggregator first) before dispatching.
        await FlushAsync();
        LogGrown(SweepId, growth.AddedCells, s.Total);
        StartTimers();
        await SizeWindowAsync();
        await DispatchAsync();
        return new SubmitOutcome(SubmitKind.Grown, Status(), growth.Changes, AddedCells: growth.AddedCells);
    }

    public Task<string?> GetSpecAsync() => Task.FromResult(state.State.Spec);

    public async Task ReportAsync(CellReport report)
    {
        // Refill in batches: one round of run-grain activations serves many reports.
        if (Accept(report) && state.State.InFlight.Count <= _window - RefillBatch)
        {
            await DispatchAsync();
        }
    }

    private int RefillBatch => Math.Max(1, _window / 4);

    /// <summary>Counts a report once; false for a duplicate or a cell this sweep is not waiting for.</summary>
    private bool Accept(CellReport report)
    {
        if (!state.State.InFlight.TryGetValue(report.CellId, out var index))
        {
            return false;
        }

        _unsentOutcomes.Add(ToOutcome(Cells()[index], report));
        state.State.InFlight.Remove(report.CellId);
        switch (report.Status)
        {
            case CellStatus.Failed:
                state.State.Failed++;
                break;
            case CellStatus.Diverged:
                state.State.Done++;
                state.State.Diverged++;
                break;
            default:
                state.State.Done++;
                break;
        }

        _dirty = true;
        return true;
    }

    /// <summary>
    /// Hands out cells until the window is full; reports that come back at once are counted at once. An adaptive sweep
    /// hands out the cells its aggregator's decisions chose, asking for the next decision when the last one's are out.
    /// </summary>
    private async Task DispatchAsync()
    {
        if (!_options.Enabled)
        {
            return;
        }

        var s = state.State;
        while (s.State == SweepState.Running && s.InFlight.Count < _window && (HasUndispatched || await DecideAsync()))
        {
            var batch = new List<CellDefinition>();
            while (s.InFlight.Count < _window && TakeNextIndex() is { } index)
            {
                var cell = Cells()[index];
                if (s.InFlight.TryAdd(cell.Id, index))
                {
                    batch.Add(cell);
                }
            }

            _dirty = true;
            await AskAsync(batch);
        }

        await CompleteIfFinishedAsync();
    }

    /// <summary>
    /// Asks every in-flight cell's run grain again. A cell whose silo died starts again elsewhere; a cell that
    /// finished while its report was lost answers with its stored result.
    /// </summary>
    private async Task ReconcileAsync()
    {
        await EnsureReminderAsync();
        await SizeWindowAsync();
        var inFlight = state.State.InFlight.Values.Order().Select(i => Cells()[i]).ToList();
        if (state.State.State == SweepState.Cancelled)
        {
            await FollowAsync(inFlight);
            await CompleteIfFinishedAsync();
            return;
        }

        await AskAsync(inFlight);
        await DispatchAsync();
    }

    private async Task AskAsync(IReadOnlyList<CellDefinition> cells)
    {
        var asks = cells.Select(async cell =>
        {
            try
            {
                // Scoped to this ask's async flow: a new activation of the cell goes where its memory fits.
                CellPlacement.Require(CellMemory.EstimateBytes(cell) ?? 0);
                return await GrainFactory.GetGrain<IRunGrain>(cell.Id)
                    .RunAsync(new CellAssignment(SweepId, cell.Id, cell.ToJson(), state.State.MaxAttempts,
                        state.State.CellTimeout));
            }
            catch (Exception ex)
            {
                // The next reconciliation asks again; nothing is lost by waiting.
                LogAskFailed(ex, SweepId, cell.Id);
                return null;
            }
        }).ToList();

        foreach (var report in await Task.WhenAll(asks))
        {
            if (report is not null)
            {
                Accept(report);
            }
        }
    }

    /// <summary>Follows the cluster's size: a silo that joins widens the window at the next reconciliation.</summary>
    private async Task SizeWindowAsync()
    {
        if (_options.Window > 0)
        {
            _window = _options.Window;
            return;
        }

        try
        {
            var slots = await GrainFactory.GetGrain<ISlotRegistryGrain>(0).GetTotalSlotsAsync();
            _window = Math.Max(2, _options.CellsPerSlot * slots);
        }
        catch (Exception ex)
        {
            LogAskFailed(ex, SweepId, "(slot registry)");
        }
    }

    private async Task CompleteIfFinishedAsync()
    {
        var s = state.State;
        var finished = s.InFlight.Count == 0 && (AllDispatched || s.State == SweepState.Cancelled);
        // A sweep that ended and still has its timers did not store its end (the write gave up): it tries again.
        var ended = s.State is SweepState.Completed or SweepState.Failed && _flushTimer is null;
        if (!finished || ended)
        {
            return;
        }

        if (s.State == SweepState.Running)
        {
            s.State = s.Done == 0 && s.Failed > 0 ? SweepState.Failed : SweepState.Completed;
            s.FinishedAt = DateTimeOffset.UtcNow;
            LogFinished(SweepId, s.State, s.Done, s.Failed);
        }

        await FlushAsync();
        StopTimers();
        await ForgetReminderAsync();
        if (s.Adaptive)
        {
            // The last decision came before the last results: the final figures come from all of them.
            await RefreshDesignProgressAsync();
            PublishProgress();
        }

        DropProgressAfterGrace();
    }

    /// <summary>
    /// Hands the finished cells to the aggregator, which stores them, and only then stores the counters: every cell
    /// the stored counters include is in the stored outcomes. If the aggregator cannot be reached or the counters
    /// cannot be stored, the sweep stays dirty and the next flush tries again; the cells stay counted in memory
    /// meanwhile.
    /// </summary>
    private async Task FlushAsync()
    {
        // Cleared before, so that what is counted while this flush waits marks the sweep dirty again.
        _dirty = false;
        try
        {
            PublishProgress();
            await SendOutcomesAsync();
            await state.WriteWithRetryAsync();
        }
        catch
        {
            _dirty = true;
            throw;
        }
    }

    /// <summary>Hands the counted outcomes to the aggregator, which stores them before it returns.</summary>
    private async Task SendOutcomesAsync()
    {
        if (_unsentOutcomes.Count > 0)
        {
            var batch = _unsentOutcomes.ToList();
            await Aggregator.AddAsync(batch);
            _unsentOutcomes.RemoveRange(0, batch.Count);
        }
    }

    private void StartTimers()
    {
        _flushTimer ??= this.RegisterGrainTimer(
            async () =>
            {
                if (_dirty)
                {
                    await FlushAsync();
                }

                await CompleteIfFinishedAsync();
            },
            new GrainTimerCreationOptions(_options.FlushInterval, _options.FlushInterval) { KeepAlive = true });
        _reconcileTimer ??= this.RegisterGrainTimer(
            ReconcileAsync,
            new GrainTimerCreationOptions(_options.ReconcileInterval, _options.ReconcileInterval) { KeepAlive = true });
    }

    private void StopTimers()
    {
        _flushTimer?.Dispose();
        _reconcileTimer?.Dispose();
        _flushTimer = _reconcileTimer = null;
    }

    /// <summary>
    /// The cells in the experiment's dispatch order (<see cref="IExperimentModule.DispatchOrder"/>), with the pilot
    /// cells first in sweeps stored with that order, each growth's new cells after the earlier ones
    /// (<see cref="SpecGrowth.DispatchOrder"/>). A pure function of the stored state: its indices refer to it across
    /// activations.
    /// </summary>
    private IReadOnlyList<CellDefinition> Cells() =>
        _cells ??= SpecGrowth.DispatchOrder(
            state.State.EarlierSpecs.Append(state.State.Spec!).Select(SweepSpec.FromCanonicalJson),
            pilotFirst: state.State.DispatchOrderVersion >= SweepGrainState.PilotFirstOrder);

    private SweepStatus Status()
    {
        var s = state.State;
        if (s.Spec is null)
        {
            return SweepStatus.Unknown(SweepId);
        }

        var running = s.InFlight.Count;
        var pending = s.Total - running - s.Done - s.Failed;
        return new SweepStatus(SweepId, s.State, s.Total, pending, running, s.Done, s.Failed, s.Diverged, s.StartedAt, s.FinishedAt,
            s.Adaptive ? _designProgress : null);
    }

    private static CellOutcome ToOutcome(CellDefinition cell, CellReport report)
    {
        var curve = report.Result is { } result ? LossCurveSchedule.Thin(result.CurveSteps, result.CurveLosses) : default;
        return new CellOutcome(
            cell.Id,
            cell.Optimizer,
            cell.Spectrum,
            cell.Size,
            cell.Seed,
            cell.LearningRate,
            report.Status,
            report.Result?.FinalLoss ?? double.NaN,
            report.Result?.LearningRate ?? double.NaN,
            report.Attempts,
            report.Silo,
            report.Result?.Seconds ?? 0,
            report.Result?.FloatingPointOperations ?? 0,
            report.Error,
            report.AttemptOutcomes.Select(o => o.Label()).ToList(),
            report.Result?.Measurements,
            curve.Steps,
            curve.Losses);
    }
}
