using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Grains.Aggregation;
using Orchestrator.Grains.Tests.Infrastructure;
using Orchestrator.Numerics.Fitting;
using Orchestrator.Specs.Experiments;
using Orleans.TestingHost;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// Fitting a large sweep takes seconds. The sweep hands its finished cells to the aggregator on every flush, so a refit
/// that held the aggregator would hold the sweep's reports, and with them the dispatch of further cells.
/// </summary>
public sealed class SlowRefitTests
{
    [Fact]
    public async Task A_refit_in_progress_does_not_hold_up_the_sweep()
    {
        using var gate = new RefitGate();
        HeldRefits.Gate = gate;
        await using var cluster = await SqliteTestCluster.StartAsync(
            TestSpecs.TempDirectory(), configure: b => b.AddSiloBuilderConfigurator<HeldRefits>());
        var spec = TestSpecs.Parse("""
            name: slow-refit
            experiment: synthetic
            grid:
              optimizer: [gd]
              spectrum: [1.0]
              size: [32, 64, 128]
              seed: [0, 1, 2, 3]
            settings:
              alpha: 0.3
              duration: 0.2
            """);
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);
        try
        {
            await sweep.SubmitAsync(TestSpecs.Submission(spec));
            Assert.True(await gate.EnteredAsync(TimeSpan.FromSeconds(30)), "no refit started while the sweep ran");

            var status = await TestSpecs.WaitAsync(sweep, s => s.IsFinished, TimeSpan.FromSeconds(30));

            Assert.Equal((SweepState.Completed, 12, 12), (status.State, status.Total, status.Done));
            Assert.False(gate.IsOpen);
        }
        finally
        {
            gate.Open();
        }

        // Once the refit may go on, a reader sees every cell in the fits.
        var results = await cluster.Client.GetGrain<IAggregatorGrain>(spec.Name).GetResultsAsync();
        Assert.Equal(12, results.Cells.Count);
        var power = Assert.Single(results.Analysis.Fits, f => f.Law == "power");
        Assert.Equal(12, power.CellCount);
    }

    /// <summary>Refits wait until the test opens the gate.</summary>
    private sealed class RefitGate : IDisposable
    {
        private readonly ManualResetEventSlim _open = new();
        private readonly SemaphoreSlim _entered = new(0);

        public bool IsOpen => _open.IsSet;

        public void Wait()
        {
            _entered.Release();
            _open.Wait(TimeSpan.FromMinutes(2));
        }

        public Task<bool> EnteredAsync(TimeSpan timeout) => _entered.WaitAsync(timeout);

        public void Open() => _open.Set();

        public void Dispose()
        {
            _open.Dispose();
            _entered.Dispose();
        }
    }

    private sealed class HeldRefits : ISiloConfigurator, IAnalysisFactory
    {
        public static RefitGate Gate { get; set; } = null!;

        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.Services.AddSingleton<IAnalysisFactory>(new HeldRefits());

        public IExperimentAnalysis Create(AggregatorSettings settings) =>
            new HeldAnalysis(new ModuleAnalysisFactory().Create(settings), Gate);
    }

    private sealed class HeldAnalysis(IExperimentAnalysis inner, RefitGate gate) : IExperimentAnalysis
    {
        public bool IsStale => inner.IsStale;

        public void Add(FinishedCell cell) => inner.Add(cell);

        public SweepAnalysis Refit(int maxDegreeOfParallelism = 1, CancellationToken cancellationToken = default)
        {
            gate.Wait();
            return inner.Refit(maxDegreeOfParallelism, cancellationToken);
        }
    }
}
