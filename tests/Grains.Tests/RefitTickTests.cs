using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Grains.Aggregation;
using Orchestrator.Grains.Tests.Infrastructure;
using Orchestrator.Numerics.Fitting;
using Orchestrator.Specs.Experiments;
using Orleans.TestingHost;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// The aggregator's refit timer ticks while a background refit runs. An analysis that serialises its calls (as
/// <see cref="IncrementalSweepAnalysis"/> does) is the refit's for as long as it runs: a tick that asked it whether it
/// is stale would wait that long on the grain's turn, and with it every call of the sweep.
/// </summary>
public sealed class RefitTickTests
{
    [Fact]
    public async Task The_aggregator_answers_while_a_refit_holds_the_analysis()
    {
        using var gate = new ManualResetEventSlim();
        using var entered = new SemaphoreSlim(0);
        LockedRefits.Gate = gate;
        LockedRefits.Entered = entered;
        // Held only once every cell is in: after that no cell arrives, so each tick finds nothing new of its own.
        LockedRefits.HoldAtCells = 4;
        await using var cluster = await SqliteTestCluster.StartAsync(
            TestSpecs.TempDirectory(), configure: b => b.AddSiloBuilderConfigurator<LockedRefits>());
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
            Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), "no refit of all four cells started");
            // Past at least two of the aggregator's refit ticks (every 500 ms).
            await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);

            var answer = aggregator.GetDesignProgressAsync();
            var answered = await Task.WhenAny(answer, Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)) == answer;

            Assert.True(answered, "the aggregator did not answer while a refit held its analysis");
            Assert.False(gate.IsSet);
        }
        finally
        {
            gate.Set();
        }

        var results = await aggregator.GetResultsAsync();
        Assert.Equal(4, Assert.Single(results.Analysis.Fits, f => f.Law == "power").CellCount);
    }

    private sealed class LockedRefits : ISiloConfigurator, IAnalysisFactory
    {
        public static ManualResetEventSlim Gate { get; set; } = null!;
        public static SemaphoreSlim Entered { get; set; } = null!;

        /// <summary>Refits of this many cells wait at the gate.</summary>
        public static int HoldAtCells { get; set; }

        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.Services.AddSingleton<IAnalysisFactory>(new LockedRefits());

        public IExperimentAnalysis Create(AggregatorSettings settings) =>
            new LockedAnalysis(new ModuleAnalysisFactory().Create(settings), HoldAtCells);
    }

    /// <summary>Every call under one lock, held through the wait at the gate as through a long refit.</summary>
    private sealed class LockedAnalysis(IExperimentAnalysis inner, int holdAtCells) : IExperimentAnalysis
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

        public SweepAnalysis Refit(int maxDegreeOfParallelism = 1, CancellationToken cancellationToken = default)
        {
            lock (_lock)
            {
                if (_cells == holdAtCells && !LockedRefits.Gate.IsSet)
                {
                    LockedRefits.Entered.Release();
                    LockedRefits.Gate.Wait(TimeSpan.FromMinutes(2), cancellationToken);
                }

                return inner.Refit(maxDegreeOfParallelism, cancellationToken);
            }
        }
    }
}
