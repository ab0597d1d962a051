using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Grains.Aggregation;
using Orchestrator.Grains.Tests.Infrastructure;
using Orchestrator.Numerics.Fitting;
using Orchestrator.Specs.Experiments;
using Orleans.TestingHost;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// Fitting a large sweep takes seconds. The sweep hands its finished cells to the aggregator on every flush, so a refit
/// that held the aggregator would hold the sweep's reports, and with them the dispatch of further cells. And someone
/// who asks for the results should not wait behind a background refit that fits on one thread.
/// </summary>
public sealed class SlowRefitTests
{
    private const string Spec = """
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
        """;

    [Fact]
    public async Task A_refit_in_progress_does_not_hold_up_the_sweep()
    {
        using var gate = new RefitGate();
        await using var cluster = await StartAsync(gate);
        var sweep = cluster.Client.GetGrain<ISweepGrain>(SpecName);
        try
        {
            await SubmitAsync(sweep, gate);

            var status = await TestSpecs.WaitAsync(sweep, s => s.IsFinished, TimeSpan.FromSeconds(30));

            Assert.Equal((SweepState.Completed, 12, 12), (status.State, status.Total, status.Done));
            Assert.False(gate.IsOpen);
        }
        finally
        {
            gate.Open();
        }

        // Once the refit may go on, a reader sees every cell in the fits.
        var results = await cluster.Client.GetGrain<IAggregatorGrain>(SpecName).GetResultsAsync();
        Assert.Equal(12, results.Cells.Count);
        var power = Assert.Single(results.Analysis.Fits, f => f.Law == "power");
        Assert.Equal(12, power.CellCount);
    }

    [Fact]
    public async Task A_request_for_the_results_stops_a_background_refit_and_fits_on_every_core()
    {
        using var gate = new RefitGate { HoldsReaders = false };
        await using var cluster = await StartAsync(gate);
        var sweep = cluster.Client.GetGrain<ISweepGrain>(SpecName);
        try
        {
            await SubmitAsync(sweep, gate);
            await TestSpecs.WaitFinishedAsync(sweep);

            // The background refit is still held: the reader stops it instead of waiting for it.
            var results = await cluster.Client.GetGrain<IAggregatorGrain>(SpecName).GetResultsAsync()
                .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

            Assert.False(gate.IsOpen);
            Assert.Equal(12, Assert.Single(results.Analysis.Fits, f => f.Law == "power").CellCount);
            Assert.Equal(1, gate.Threads.First());
            Assert.Equal(Environment.ProcessorCount, gate.Threads.Last());
        }
        finally
        {
            gate.Open();
        }
    }

    private const string SpecName = "slow-refit";

    /// <summary>A cluster whose aggregators' refits wait at <paramref name="gate"/>.</summary>
    private static Task<SqliteTestCluster> StartAsync(RefitGate gate)
    {
        HeldRefits.Gate = gate;
        return SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(), configure: b => b.AddSiloBuilderConfigurator<HeldRefits>());
    }

    /// <summary>Submits the sweep and waits until a refit is held at <paramref name="gate"/>.</summary>
    private static async Task SubmitAsync(ISweepGrain sweep, RefitGate gate)
    {
        await sweep.SubmitAsync(TestSpecs.Submission(TestSpecs.Parse(Spec)));
        Assert.True(await gate.EnteredAsync(TimeSpan.FromSeconds(30)), "no refit started while the sweep ran");
    }

    /// <summary>
    /// Refits wait until the test opens the gate (a stopped background refit stops waiting); with
    /// <see cref="HoldsReaders"/> false, only the background refits, the ones that can be stopped, wait.
    /// </summary>
    private sealed class RefitGate : IDisposable
    {
        private readonly ManualResetEventSlim _open = new();
        private readonly SemaphoreSlim _entered = new(0);

        public bool IsOpen => _open.IsSet;

        public bool HoldsReaders { get; init; } = true;

        /// <summary>The thread count of every refit, in the order they started.</summary>
        public ConcurrentQueue<int> Threads { get; } = new();

        public void Wait(int threads, CancellationToken cancellationToken)
        {
            Threads.Enqueue(threads);
            if (HoldsReaders || cancellationToken.CanBeCanceled)
            {
                _entered.Release();
                _open.Wait(TimeSpan.FromMinutes(2), cancellationToken);
            }
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
            gate.Wait(maxDegreeOfParallelism, cancellationToken);
            return inner.Refit(maxDegreeOfParallelism, cancellationToken);
        }
    }
}
