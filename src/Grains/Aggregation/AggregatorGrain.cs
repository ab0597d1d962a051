using Microsoft.Extensions.Logging;
using Orchestrator.Grains.Hosting;
using Orchestrator.Grains.Storage;
using Orchestrator.Grains.Sweeps;
using Orchestrator.Grains.Telemetry;
using Orchestrator.Numerics.Design;
using Orchestrator.Numerics.Fitting;
using Orchestrator.Numerics.Training;
using Orchestrator.Specs.Experiments;

namespace Orchestrator.Grains.Aggregation;

/// <summary>
/// The analysis of one sweep, whatever its experiment (the module's <see cref="IExperimentAnalysis"/>). Finished cells
/// arrive in batches and are stored in outcome chunks before the call returns. The analysis is refitted in the
/// background on a timer, and at once on a request for results, so that a burst of results costs one refit. A refit
/// never holds the grain: cells that arrive meanwhile wait beside it for the next one, so the sweep's reports are never
/// held up by fitting. The analysis is never stored: it is a pure function of the cells, rebuilt bit for bit after
/// a restart. Cells and settings are taken from the sweep of the same name alone: any other caller
/// (a client, another grain) is refused, so no one can slip results into a sweep's fits.
/// <para>
/// How much of the machine fitting takes: a background refit runs on one thread, and one that took t (wall time)
/// waits at least <see cref="RefitGapPerCost"/>·t, and at least <see cref="RefitDelay"/>, before the next, so
/// background fitting takes at most a tenth of one core while the cells run, however large the sweep; a small sweep's
/// refits take milliseconds and follow its results every half second. The live view (<see cref="GetAnalysisAsync"/>)
/// refits on one thread too. A request for the results (<see cref="GetResultsAsync"/>: <c>results</c>, the end of
/// <c>run</c>), which someone waits for, stops a background refit between two pieces of its work (a series, a
/// spectrum's tables; what it finished is kept) and refits what is left on every core. The results are the same bit
/// for bit whatever the threads and wherever a refit was stopped.
/// </para>
/// </summary>
public sealed partial class AggregatorGrain(
    [PersistentState("aggregator", StorageNames.Default)] IPersistentState<AggregatorState> state,
    OrchestratorMetrics metrics,
    IAnalysisFactory analyses,
    ILogger<AggregatorGrain> logger) : Grain, IAggregatorGrain, IIncomingGrainCallFilter
{
    private static readonly TimeSpan RefitDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A background refit that took t waits at least this many times t before the next one: background fitting takes
    /// at most 1/(1 + this) of one core.
    /// </summary>
    private const int RefitGapPerCost = 9;

    private ChunkedOutcomeStore _outcomes = null!;
    private IExperimentAnalysis _analysis = null!;
    /// <summary>Cells not yet given to the analysis: it is only touched by one refit at a time.</summary>
    private readonly List<FinishedCell> _arrived = [];
    private SweepAnalysis _fitted = SweepAnalysis.Empty;
    private Task? _refitting;
    /// <summary>Stops the background refit in progress (null when none runs).</summary>
    private CancellationTokenSource? _stopBackgroundRefit;
    private long _nextBackgroundRefit;
    private bool _deactivating;
    private IGrainTimer? _timer;
    private SweepDesign? _design;

    private string SweepId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _outcomes = new ChunkedOutcomeStore(GrainFactory, SweepId, state.State.Generation);
        await _outcomes.LoadAsync();
        StartAnalysis();
        ObserveStoredOutcomes();

        _timer = this.RegisterGrainTimer(StartBackgroundRefit, new GrainTimerCreationOptions(RefitDelay, RefitDelay));
    }

    /// <summary>
    /// This silo stops publishing the sweep's fits: the next activation, here or on another silo, fits the stored
    /// cells again and publishes them there, so no two silos export the same series.
    /// </summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating = true;
        _timer?.Dispose();
        metrics.Fits.Remove(SweepId);
        return Task.CompletedTask;
    }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.MethodName is nameof(AddAsync) or nameof(ConfigureAsync) or nameof(UpdateSettingsAsync)
                or nameof(ConfigureDesignAsync) or nameof(DecideAsync)
            && context.SourceId != GrainId.Create(SweepGrain.GrainTypeName, SweepId))
        {
            throw new UnauthorizedAccessException(
                $"aggregator '{SweepId}': only sweep '{SweepId}' may call {context.MethodName}; refused a call from {context.SourceId?.ToString() ?? "an unknown caller"}");
        }

        return context.Invoke();
    }

    public async Task ConfigureAsync(AggregatorSettings settings)
    {
        await _outcomes.ClearAsync();
        state.State = new AggregatorState { Settings = settings, Generation = state.State.Generation + 1 };
        await state.WriteWithRetryAsync();
        _outcomes = new ChunkedOutcomeStore(GrainFactory, SweepId, state.State.Generation);
        _design = null;
        StartAnalysis();
        // A replaced spec's series (other optimizers or spectra) are not the new analysis's.
        metrics.Fits.Remove(SweepId);
    }

    public async Task UpdateSettingsAsync(AggregatorSettings settings)
    {
        state.State.Settings = settings;
        await state.WriteWithRetryAsync();
        // A new analysis over the same cells; a refit still running on the old one is not published (RefitAsync).
        StartAnalysis();
        ObserveStoredOutcomes();
        metrics.Fits.Remove(SweepId);
    }

    public async Task AddAsync(IReadOnlyList<CellOutcome> outcomes)
    {
        foreach (var outcome in _outcomes.Add(outcomes))
        {
            AddObservation(outcome);
        }

        await _outcomes.SaveAsync();
    }

    public async Task<SweepAnalysis> GetAnalysisAsync()
    {
        await RefitNowAsync(everyCore: false);
        return _fitted;
    }

    public async Task ConfigureDesignAsync(IReadOnlyList<string> specs)
    {
        if (state.State.DesignSpecs.SequenceEqual(specs, StringComparer.Ordinal))
        {
            // A sweep's new activation handing over the specs this design already has: nothing to store.
            return;
        }

        state.State.DesignSpecs = specs.ToList();
        await state.WriteWithRetryAsync();
        _design = null;
    }

    public async Task<DesignStep> DecideAsync(int number, int capacity)
    {
        var design = Design();
        var decisions = state.State.Decisions;
        if (number < decisions.Count)
        {
            // Asked again (the sweep restarted before it stored what it was told): the same decision.
            var earlier = decisions[number];
            return new DesignStep(number, design.CellsOf(earlier.UnitIds), earlier.Stop, CurrentProgress(design));
        }

        if (number > decisions.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(number),
                $"sweep '{SweepId}' asked for decision {number}, but only {decisions.Count} were taken");
        }

        var known = _outcomes.Outcomes.Count;
        var units = design.CapacityInUnits(capacity);
        var decision = design.Decide(_outcomes.Outcomes, known, decisions, units);
        if (decision.Choices.Count == 0 && decision.Stop is null)
        {
            // "Wait for the running units" changes nothing: not stored, and the number stays for the next decision.
            return new DesignStep(number, [], null, design.Progress(decision, decisions));
        }

        decisions.Add(design.Store(decision, known, units));
        try
        {
            // Stored before it is answered: a decision the sweep acts on is always in the log.
            await state.WriteWithRetryAsync();
        }
        catch
        {
            decisions.RemoveAt(decisions.Count - 1);
            throw;
        }

        foreach (var choice in decision.Choices)
        {
            LogChoice(SweepId, number, choice.Reason, choice.Explanation);
        }

        if (decision.Stop is { } stop)
        {
            LogStop(SweepId, number, stop);
        }

        return new DesignStep(number, design.CellsOf(decision.Choices.Select(c => c.UnitId)), decision.Stop?.ToString(),
            design.Progress(decision, decisions));
    }

    public Task<DesignProgress?> GetDesignProgressAsync() =>
        Task.FromResult(state.State.DesignSpecs.Count == 0 ? null : CurrentProgress(Design()));

    /// <summary>
    /// Every decision taken again from the records it was taken from (its specs, the outcomes it knew, the decisions
    /// before it), with the explanations the policy gives, and whether it chose the same.
    /// </summary>
    public Task<IReadOnlyList<DesignLogEntry>> GetDesignLogAsync()
    {
        var decisions = state.State.Decisions;
        if (decisions.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<DesignLogEntry>>([]);
        }

        // Decisions taken before a growth are taken again over the specs the sweep had then.
        var designs = new Dictionary<int, SweepDesign> { [state.State.DesignSpecs.Count] = Design() };
        var log = new List<DesignLogEntry>(decisions.Count);
        for (var number = 0; number < decisions.Count; number++)
        {
            var stored = decisions[number];
            var design = designs.TryGetValue(stored.Specs, out var d)
                ? d
                : designs[stored.Specs] = new SweepDesign(state.State.DesignSpecs.Take(stored.Specs).ToList());
            var again = design.Decide(_outcomes.Outcomes, stored.KnownOutcomes, decisions.Take(number), stored.Capacity);
            var replayed = SweepDesign.Same(stored, design.Store(again, stored.KnownOutcomes, stored.Capacity));
            var choices = replayed
                ? again.Choices.Select(c => design.LogChoice(c.UnitId, c.Reason, c.Explanation)).ToList()
                : stored.UnitIds.Zip(stored.Reasons, (unit, reason) =>
                    design.LogChoice(unit, (DesignReason)reason, "taking the decision again chose otherwise")).ToList();
            log.Add(new DesignLogEntry(number, stored.KnownOutcomes, stored.Capacity, choices, stored.Stop, replayed,
                stored.CommittedSeconds));
        }

        return Task.FromResult<IReadOnlyList<DesignLogEntry>>(log);
    }

    /// <summary>The adaptive design of this sweep's stored specs.</summary>
    private SweepDesign Design() =>
        _design ??= state.State.DesignSpecs.Count > 0
            ? new SweepDesign(state.State.DesignSpecs)
            : throw new InvalidOperationException($"sweep '{SweepId}' has no adaptive section");

    /// <summary>Where the design stands with every outcome stored so far (the policy's view, its choices unused).</summary>
    private DesignProgress CurrentProgress(SweepDesign design)
    {
        var decisions = state.State.Decisions;
        var now = design.Decide(_outcomes.Outcomes, _outcomes.Outcomes.Count, decisions, capacity: 1);
        return design.Progress(now, decisions);
    }

    public async Task<SweepResults> GetResultsAsync()
    {
        await RefitNowAsync(everyCore: true);
        return new SweepResults(_outcomes.Outcomes.ToList(), _fitted);
    }

    private bool IsStale => _arrived.Count > 0 || _analysis.IsStale;

    private bool IsRefitting => _refitting is { IsCompleted: false };

    /// <summary>
    /// The timer's tick: starts a refit without waiting for it, when one is due and none runs. Whether one runs is asked
    /// first: the analysis is the refit's while it runs (it may hold it for seconds, and asking whether it is stale
    /// would wait that long on the grain's turn, and with it every call of the sweep).
    /// </summary>
    private Task StartBackgroundRefit()
    {
        if (!IsRefitting && Environment.TickCount64 >= _nextBackgroundRefit && IsStale)
        {
            _refitting = RefitAsync(background: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A reader sees every cell stored so far: it waits for a running refit, then refits what came since. A reader on
    /// <paramref name="everyCore"/> stops a background refit first and refits the rest on every core.
    /// </summary>
    private async Task RefitNowAsync(bool everyCore)
    {
        if (IsRefitting)
        {
            if (everyCore)
            {
                _stopBackgroundRefit?.Cancel();
            }

            await _refitting!;
        }

        if (IsStale)
        {
            _refitting = RefitAsync(background: false, everyCore ? Environment.ProcessorCount : 1);
            await _refitting;
        }
    }

    /// <summary>
    /// Gives the analysis the cells that arrived and refits it on the thread pool (fitting is CPU work: bootstrap
    /// resamples), on <paramref name="threads"/> threads. Started on the grain's scheduler, so its continuation runs
    /// there too, between the grain's calls. A background refit can be stopped (<see cref="_stopBackgroundRefit"/>):
    /// it then publishes nothing, and the reader that stopped it refits what it left.
    /// </summary>
    private async Task RefitAsync(bool background, int threads = 1)
    {
        var analysis = _analysis;
        foreach (var cell in _arrived)
        {
            analysis.Add(cell);
        }

        _arrived.Clear();
        using var stop = background ? new CancellationTokenSource() : null;
        _stopBackgroundRefit = stop;
        var token = stop?.Token ?? CancellationToken.None;
        var started = Environment.TickCount64;
        SweepAnalysis fitted;
        try
        {
            fitted = await Task.Run(() => analysis.Refit(threads, token));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // A reader stopped it and refits the rest itself.
            return;
        }
        catch (Exception ex) when (background)
        {
            // A reader's refit reports the failure to the reader; the timer's has no one to tell but the log.
            LogRefitFailed(ex, SweepId);
            return;
        }
        finally
        {
            _stopBackgroundRefit = null;
            _nextBackgroundRefit = Environment.TickCount64 + Math.Max(
                (long)RefitDelay.TotalMilliseconds, RefitGapPerCost * (Environment.TickCount64 - started));
        }

        // A sweep reconfigured meanwhile has a new analysis; an activation on its way out publishes nothing more.
        if (ReferenceEquals(analysis, _analysis) && !_deactivating)
        {
            _fitted = fitted;
            metrics.Fits.Publish(SweepId, _fitted);
        }
    }

    /// <summary>Gives a new analysis every stored cell.</summary>
    private void ObserveStoredOutcomes()
    {
        foreach (var outcome in _outcomes.Outcomes)
        {
            AddObservation(outcome);
        }
    }

    /// <summary>A finished cell as the analysis sees it; a failed cell has no loss and is left out.</summary>
    private void AddObservation(CellOutcome cell)
    {
        if (cell.Status != CellStatus.Failed)
        {
            _arrived.Add(new FinishedCell(
                cell.Optimizer,
                cell.Spectrum,
                cell.Size,
                cell.Seed,
                cell.LearningRateSetting,
                cell.FinalLoss,
                cell.Status == CellStatus.Diverged,
                cell.Measurements ?? new Dictionary<string, double>(),
                Curve(cell),
                cell.LearningRate));
        }
    }

    /// <summary>The outcome's loss curve; null for an outcome without one (stored before curves were carried).</summary>
    private static LossPoint[]? Curve(CellOutcome cell) =>
        cell.CurveSteps is { } steps && cell.CurveLosses is { } losses && steps.Length == losses.Length
            ? steps.Zip(losses, (step, loss) => new LossPoint(step, loss)).ToArray()
            : null;

    private void StartAnalysis()
    {
        _analysis = analyses.Create(state.State.Settings ?? new AggregatorSettings("gd", 1000, null));
        _arrived.Clear();
        _fitted = SweepAnalysis.Empty;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId}: decision {Number} chose a unit ({Reason}): {Explanation}")]
    private partial void LogChoice(string sweepId, int number, DesignReason reason, string explanation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId}: decision {Number} stops choosing: {Stop}")]
    private partial void LogStop(string sweepId, int number, DesignStop stop);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: a background refit failed; the next one tries again")]
    private partial void LogRefitFailed(Exception exception, string sweepId);
}
