using Orchestrator.Grains.Storage;
using System.Text.Json;
using Orchestrator.Grains.Hosting;
using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Grains.Aggregation;

/// <summary>
/// The fits of one sweep. Each finished cell is added once; only the series it touches (and its spectrum's
/// cross-series tables) are refitted, on the next request for results or on a short timer, so that a burst of
/// results costs one refit. State writes are coalesced the same way.
/// </summary>
public sealed class AggregatorGrain(
    [PersistentState("aggregator", StorageNames.Default)] IPersistentState<AggregatorState> state) : Grain, IAggregatorGrain
{
    private static readonly TimeSpan RefitDelay = TimeSpan.FromMilliseconds(500);

    private IncrementalAnalysis? _analysis;
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
            Analysis().Add(outcome);
            _unsaved = true;
        }

        return Task.CompletedTask;
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
            _unsaved = true;
        }

        if (_unsaved)
        {
            _unsaved = false;
            await state.WriteWithRetryAsync();
        }
    }

    private IncrementalAnalysis Analysis()
    {
        if (_analysis is null)
        {
            var settings = state.State.Settings ?? new AggregatorSettings("gd", 1000, null);
            _analysis = new IncrementalAnalysis(new FitOptions
            {
                Baseline = settings.Baseline,
                BootstrapResamples = settings.BootstrapResamples,
                Steps = settings.Steps,
            });
            foreach (var cell in state.State.Cells.Values)
            {
                _analysis.Add(cell);
            }
        }

        return _analysis;
    }
}
