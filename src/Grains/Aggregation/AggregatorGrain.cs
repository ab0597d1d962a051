using Orchestrator.Grains.Storage;
using System.Text.Json;
using Orchestrator.Grains.Hosting;
using Orchestrator.Grains.Telemetry;
using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Grains.Aggregation;

/// <summary>
/// The fits of one sweep. Each finished cell is added once; only the series it touches (and its spectrum's
/// cross-series tables) are refitted, on the next request for results or on a short timer, so that a burst of
/// results costs one refit. State writes are coalesced the same way.
/// </summary>
public sealed class AggregatorGrain(
    [PersistentState("aggregator", StorageNames.Default)] IPersistentState<AggregatorState> state,
    OrchestratorMetrics metrics) : Grain, IAggregatorGrain
{
    private static readonly TimeSpan RefitDelay = TimeSpan.FromMilliseconds(500);

    private IncrementalSweepAnalysis? _analysis;
    private bool _unsaved;
    private IGrainTimer? _timer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _timer = this.RegisterGrainTimer(RefitAndSaveAsync, new GrainTimerCreationOptions(RefitDelay, RefitDelay));
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        await RefitAndSaveAsync();
    }

    public async Task ConfigureAsync(AggregatorSettings settings)
    {
        state.State = new AggregatorState { Settings = settings };
        _analysis = null;
        await state.WriteWithRetryAsync();
    }

    public Task AddAsync(CellOutcome outcome)
    {
        if (state.State.Cells.TryAdd(outcome.CellId, outcome))
        {
            AddObservation(Analysis(), outcome);
            _unsaved = true;
        }

        return Task.CompletedTask;
    }

    public async Task FlushAsync()
    {
        if (_unsaved)
        {
            _unsaved = false;
            await state.WriteWithRetryAsync();
        }
    }

    public async Task<SweepResults> GetResultsAsync()
    {
        await RefitAndSaveAsync();
        return new SweepResults(state.State.Cells.Values.ToList(), state.State.AnalysisJson);
    }

    private async Task RefitAndSaveAsync()
    {
        if (_analysis is { IsStale: true } analysis)
        {
            // Fitting is CPU work (bootstrap resamples): run it off the grain's scheduler.
            var fitted = await Task.Run(analysis.Refit);
            state.State.AnalysisJson = JsonSerializer.Serialize(fitted);
            foreach (var fit in fitted.Fits)
            {
                metrics.SetFit(this.GetPrimaryKeyString(), fit.Optimizer, fit.Spectrum, fit.Law, fit.Alpha ?? double.NaN, fit.AlphaCiLow ?? double.NaN, fit.AlphaCiHigh ?? double.NaN);
            }

            _unsaved = true;
        }

        await FlushAsync();
    }

    /// <summary>A finished cell as the fits see it; a failed cell has no loss and is left out.</summary>
    private static void AddObservation(IncrementalSweepAnalysis analysis, CellOutcome cell)
    {
        if (cell.Status != CellStatus.Failed)
        {
            analysis.Add(new Observation(
                cell.Optimizer,
                cell.Spectrum,
                cell.Size,
                cell.Seed,
                cell.FinalLoss,
                cell.Status == CellStatus.Diverged,
                cell.LearningRateSetting));
        }
    }

    private IncrementalSweepAnalysis Analysis()
    {
        if (_analysis is null)
        {
            var settings = state.State.Settings ?? new AggregatorSettings("gd", 1000, null);
            _analysis = new IncrementalSweepAnalysis(new FitOptions
            {
                Baseline = settings.Baseline,
                BootstrapResamples = settings.BootstrapResamples,
                Steps = settings.Steps,
            });
            foreach (var cell in state.State.Cells.Values)
            {
                AddObservation(_analysis, cell);
            }
        }

        return _analysis;
    }
}
