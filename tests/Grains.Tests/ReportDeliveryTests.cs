using System.Collections.Concurrent;
using Orchestrator.Grains.Tests.Infrastructure;
using Orchestrator.Specs;
using Orleans.TestingHost;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// A finished cell's report reaches its sweep as soon as its result is stored. The sweep's reconciliation, which would
/// also collect it, is put minutes away here, so that a report that is late or lost shows.
/// </summary>
public sealed class ReportDeliveryTests
{
    private static readonly TimeSpan NoReconciliation = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Cells of equal length handed out together finish together and store their results at the same moment: each of
    /// them is counted before any cell handed out after them, which runs as long again, has finished.
    /// </summary>
    [Fact]
    public async Task Cells_that_finish_together_are_all_counted_before_the_cells_after_them()
    {
        const int window = 8;
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(), slots: window,
            window: window, reconcileInterval: NoReconciliation);
        var spec = TestSpecs.Parse("""
            name: together
            experiment: synthetic
            grid:
              optimizer: [gd, adam]
              spectrum: [1.0]
              size: [32, 64, 128, 256]
              seed: [0, 1, 2]
            settings:
              alpha: 0.3
              duration: 0.2
            """);
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);

        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        var status = await TestSpecs.WaitAsync(sweep, s => s.IsFinished, TimeSpan.FromMinutes(1));
        var results = await cluster.Client.GetGrain<IAggregatorGrain>(spec.Name).GetResultsAsync();

        Assert.Equal((SweepState.Completed, 24), (status.State, status.Done));
        var firstHandedOut = SpecGrowth.DispatchOrder([spec], pilotFirst: true).Take(window).Select(c => c.Id).Order();
        Assert.Equal(firstHandedOut, results.Cells.Take(window).Select(c => c.CellId).Order());
    }

    /// <summary>A report that fails on its way is sent again at once, not left to the sweep's next reconciliation.</summary>
    [Fact]
    public async Task A_report_that_fails_on_its_way_is_sent_again()
    {
        var spec = TestSpecs.Synthetic("report-fails-once");
        using var failing = FailingReports.For(spec.Name, failures: 1);
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(), slots: 2, window: 2,
            reconcileInterval: NoReconciliation, configure: b => b.AddSiloBuilderConfigurator<FailingReports.Configurator>());
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);

        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        var status = await TestSpecs.WaitAsync(sweep, s => s.IsFinished, TimeSpan.FromSeconds(30));

        Assert.Equal(0, failing.Remaining);
        Assert.Equal((SweepState.Completed, 3), (status.State, status.Done));
        foreach (var cell in spec.ExpandCells())
        {
            Assert.Single((await cluster.Client.GetGrain<IRunGrain>(cell.Id).GetRecordAsync()).Attempts);
        }
    }

    /// <summary>Fails the first reports to one sweep before the sweep sees them, as a call lost on the way would.</summary>
    private sealed class FailingReports : IDisposable
    {
        private static readonly ConcurrentDictionary<string, FailingReports> Active = new();
        private readonly string _sweep;
        private int _remaining;

        private FailingReports(string sweep, int failures) => (_sweep, _remaining) = (sweep, failures);

        public int Remaining => Volatile.Read(ref _remaining);

        public static FailingReports For(string sweep, int failures) => Active[sweep] = new FailingReports(sweep, failures);

        public void Dispose() => Active.TryRemove(_sweep, out _);

        private bool TryFail()
        {
            lock (this)
            {
                if (_remaining == 0)
                {
                    return false;
                }

                _remaining--;
                return true;
            }
        }

        public sealed class Configurator : ISiloConfigurator
        {
            public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddIncomingGrainCallFilter(context =>
            {
                if (context.InterfaceMethod.Name == nameof(ISweepGrain.ReportAsync)
                    && Active.TryGetValue(context.TargetId.Key.ToString()!, out var failing)
                    && failing.TryFail())
                {
                    throw new TimeoutException("the report was lost on its way");
                }

                return context.Invoke();
            });
        }
    }
}
