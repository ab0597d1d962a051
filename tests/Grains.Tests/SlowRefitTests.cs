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
        HeldRefits.HoldAtCells = 0;
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

    /// <summary>
    /// The analysis serialises its calls with a lock held for a whole refit (as <see cref="IncrementalSweepAnalysis"/>
    /// does). The aggregator's timer ticks while a refit runs and no new cells have arrived since it started: asking
    /// the analysis whether it is stale then would block the grain, and with it the sweep's next flush, until the
    /// refit ends.
    /// </summary>
    [Fact]
    public async Task The_aggregator_answers_while_a_refit_holds_the_analysis()
    {
        using var gate = new RefitGate();
        HeldRefits.Gate = gate;
        // Held only once every cell is in: after that no cell arrives, so each tick finds nothing new of its own.
        HeldRefits.HoldAtCells = 4;
        await using var cluster = await SqliteTestCluster.StartAsync(
            TestSpecs.TempDirectory(), configure: b => b.AddSiloBuilderConfigurator<HeldRefits>());
        var spec = TestSpecs.Parse("""
            name: locked-refit
            experiment: synthetic
            grid:
              optimizer: [gd]
              spectrum: [1.0]
              size: [32, 64]
              seed: [0, 1]
            settings:
              alpha: 0.3
            """);
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);
        var aggregator = cluster.Client.GetGrain<IAggregatorGrain>(spec.Name);
        try
        {
            await sweep.SubmitAsync(TestSpecs.Submission(spec));
            Assert.True(await gate.EnteredAsync(TimeSpan.FromSeconds(30)), "no refit of all four cells started");
            // Past at least two of the aggregator's refit ticks (every 500 ms).
            await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);

            var answer = aggregator.GetDesignProgressAsync();
            var answered = await Task.WhenAny(answer, Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)) == answer;

            Assert.True(answered, "the aggregator did not answer while a refit held its analysis");
            Assert.False(gate.IsOpen);
        }
        finally
        {
            gate.Open();
        }

        var results = await aggregator.GetResultsAsync();
        Assert.Equal(4, Assert.Single(results.Analysis.Fits, f => f.Law == "power").CellCount);
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

        /// <summary>Refits of this many cells wait at the gate; 0: every refit does.</summary>
        public static int HoldAtCells { get; set; }

        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.Services.AddSingleton<IAnalysisFactory>(new HeldRefits());

        public IExperimentAnalysis Create(AggregatorSettings settings) =>
            new HeldAnalysis(new ModuleAnalysisFactory().Create(settings), Gate, HoldAtCells);
    }

    /// <summary>Every call under one lock, held through the wait at the gate as through a long refit.</summary>
    private sealed class HeldAnalysis(IExperimentAnalysis inner, RefitGate gate, int holdAtCells) : IExperimentAnalysis
    {
        private readonly Lock _lock = new();
        private int _cells;

        public bool IsStale
        {
            get
            {
                lock (_lock)
                {
                    return inner.IsStale;
                }
            }
        }

        public void Add(FinishedCell cell)
        {
            lock (_lock)
            {
                _cells++;
                inner.Add(cell);
            }
        }

        public SweepAnalysis Refit()
        {
            lock (_lock)
            {
                if (holdAtCells == 0 || _cells == holdAtCells)
                {
                    gate.Wait();
                }

                return inner.Refit();
            }
        }
    }
}
