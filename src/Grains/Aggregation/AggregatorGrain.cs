using Orchestrator.Grains.Hosting;
using Orchestrator.Grains.Storage;
using Orchestrator.Grains.Sweeps;
using Orchestrator.Grains.Telemetry;
using Orchestrator.Numerics.Fitting;
using Orchestrator.Numerics.Training;
using Orchestrator.Specs.Experiments;

namespace Orchestrator.Grains.Aggregation;

/// <summary>
/// The analysis of one sweep, whatever its experiment (the module's <see cref="IExperimentAnalysis"/>). Finished cells
/// arrive in batches, are stored in outcome chunks before the call returns, and mark the series they touch as stale;
/// stale series are refitted on a short timer or on a request for results, so that a burst of results costs one refit. The analysis is never stored: it is a pure function of the cells, rebuilt
/// bit for bit after a restart. Cells and settings are taken from the sweep of the same name alone: any other caller
/// (a client, another grain) is refused, so no one can slip results into a sweep's fits.
/// </summary>
public sealed class AggregatorGrain(
    [PersistentState("aggregator", StorageNames.Default)] IPersistentState<AggregatorState> state,
    OrchestratorMetrics metrics) : Grain, IAggregatorGrain, IIncomingGrainCallFilter
{
    private static readonly TimeSpan RefitDelay = TimeSpan.FromMilliseconds(500);

    private ChunkedOutcomeStore _outcomes = null!;
    private IExperimentAnalysis _analysis = null!;
    private SweepAnalysis _fitted = SweepAnalysis.Empty;
    private IGrainTimer? _timer;

    private string SweepId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _outcomes = new ChunkedOutcomeStore(GrainFactory, SweepId, state.State.Generation);
        StartAnalysis();
        foreach (var outcome in await _outcomes.LoadAsync())
        {
            AddObservation(outcome);
        }

        _timer = this.RegisterGrainTimer(RefitAsync, new GrainTimerCreationOptions(RefitDelay, RefitDelay));
    }

    /// <summary>
    /// This silo stops publishing the sweep's fits: the next activation, here or on another silo, fits the stored
    /// cells again and publishes them there, so no two silos export the same series.
    /// </summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        metrics.Fits.Remove(SweepId);
        return Task.CompletedTask;
    }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.MethodName is nameof(AddAsync) or nameof(ConfigureAsync)
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
        StartAnalysis();
        // A replaced spec's series (other optimizers or spectra) are not the new analysis's.
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
        await RefitAsync();
        return _fitted;
    }

    public async Task<SweepResults> GetResultsAsync()
    {
        await RefitAsync();
        return new SweepResults(_outcomes.Outcomes.ToList(), _fitted);
    }

    private async Task RefitAsync()
    {
        if (!_analysis.IsStale)
        {
            return;
        }

        // Fitting is CPU work (bootstrap resamples): run it off the grain's scheduler.
        var analysis = _analysis;
        _fitted = await Task.Run(analysis.Refit);
        metrics.Fits.Publish(SweepId, _fitted);
    }

    /// <summary>A finished cell as the analysis sees it; a failed cell has no loss and is left out.</summary>
    private void AddObservation(CellOutcome cell)
    {
        if (cell.Status != CellStatus.Failed)
        {
            _analysis.Add(new FinishedCell(
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
        var settings = state.State.Settings ?? new AggregatorSettings("gd", 1000, null);
        var options = settings.ToFitOptions();
        // Settings stored before the experiment was recorded get the loss fits that every experiment has.
        _analysis = settings.Experiment is { } experiment
            ? ExperimentRegistry.Get(experiment).CreateAnalysis(options)
            : new LossScalingAnalysis(options);
        _fitted = SweepAnalysis.Empty;
    }
}
