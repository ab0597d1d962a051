using System.Text.Json;
using Orchestrator.Grains.Hosting;
using Orchestrator.Grains.Storage;
using Orchestrator.Grains.Telemetry;
using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Grains.Aggregation;

/// <summary>
/// The fits of one sweep. Finished cells arrive in batches, are stored in outcome chunks before the call returns, and
/// mark the series they touch as stale; stale series are refitted on a short timer or on a request for results, so
/// that a burst of results costs one refit. The analysis is never stored: it is a pure function of the cells, rebuilt
/// bit for bit after a restart.
/// </summary>
public sealed class AggregatorGrain(
    [PersistentState("aggregator", StorageNames.Default)] IPersistentState<AggregatorState> state,
    OrchestratorMetrics metrics) : Grain, IAggregatorGrain
{
    private static readonly TimeSpan RefitDelay = TimeSpan.FromMilliseconds(500);

    private ChunkedOutcomeStore _outcomes = null!;
    private IncrementalSweepAnalysis _analysis = null!;
    private string _analysisJson = "{}";
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

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public async Task ConfigureAsync(AggregatorSettings settings)
    {
        await _outcomes.ClearAsync();
        state.State = new AggregatorState { Settings = settings, Generation = state.State.Generation + 1 };
        await state.WriteWithRetryAsync();
        _outcomes = new ChunkedOutcomeStore(GrainFactory, SweepId, state.State.Generation);
        StartAnalysis();
    }

    public async Task AddAsync(IReadOnlyList<CellOutcome> outcomes)
    {
        foreach (var outcome in _outcomes.Add(outcomes))
        {
            AddObservation(outcome);
        }

        await _outcomes.SaveAsync();
    }

    public async Task<string> GetAnalysisAsync()
    {
        await RefitAsync();
        return _analysisJson;
    }

    public async Task<SweepResults> GetResultsAsync()
    {
        await RefitAsync();
        return new SweepResults(_outcomes.Outcomes.ToList(), _analysisJson);
    }

    private async Task RefitAsync()
    {
        if (!_analysis.IsStale)
        {
            return;
        }

        // Fitting is CPU work (bootstrap resamples): run it off the grain's scheduler.
        var analysis = _analysis;
        var fitted = await Task.Run(analysis.Refit);
        _analysisJson = JsonSerializer.Serialize(fitted);
        foreach (var fit in fitted.Fits)
        {
            metrics.SetFit(SweepId, fit.Optimizer, fit.Spectrum, fit.Law, fit.Alpha ?? double.NaN, fit.AlphaCiLow ?? double.NaN, fit.AlphaCiHigh ?? double.NaN);
        }
    }

    /// <summary>A finished cell as the fits see it; a failed cell has no loss and is left out.</summary>
    private void AddObservation(CellOutcome cell)
    {
        if (cell.Status != CellStatus.Failed)
        {
            _analysis.Add(new Observation(
                cell.Optimizer,
                cell.Spectrum,
                cell.Size,
                cell.Seed,
                cell.FinalLoss,
                cell.Status == CellStatus.Diverged,
                cell.LearningRateSetting));
        }
    }

    private void StartAnalysis()
    {
        var settings = state.State.Settings ?? new AggregatorSettings("gd", 1000, null);
        _analysis = new IncrementalSweepAnalysis(new FitOptions
        {
            Baseline = settings.Baseline,
            BootstrapResamples = settings.BootstrapResamples,
            Steps = settings.Steps,
        });
        _analysisJson = "{}";
    }
}
