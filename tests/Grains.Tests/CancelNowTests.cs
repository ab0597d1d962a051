using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Grains.Hosting;
using Orchestrator.Grains.Sweeps;
using Orchestrator.Grains.Tests.Infrastructure;
using Orchestrator.Hosting.Storage;
using Orchestrator.Specs;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// <see cref="ISweepGrain.CancelNowAsync"/> stops a running kernel through its cancellation token: the attempt ends
/// as cancelled, not failed, is not retried, and the cell stays unfinished; the sweep directory lists the sweep.
/// </summary>
public sealed class CancelNowTests
{
    [Fact]
    public async Task CancelNowStopsTheRunningKernelAndRecordsTheAttemptAsCancelled()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(), slots: 1, window: 1);
        // One cell of ten million Adam steps (each O(N²)): it would run for hours if its kernel ignored the cancellation.
        var spec = TestSpecs.Parse("""
            name: cancel-now
            experiment: random-features
            grid:
              optimizer: [adam]
              spectrum: [1.0]
              size: [512]
              seed: [0]
            settings:
              latent_dim: 1024
              steps: 10000000
            optimizers:
              adam:
                lr: 0.01
            """);
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);
        var cell = cluster.Client.GetGrain<IRunGrain>(spec.ExpandCells().Single().Id);
        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        await WaitForRecordAsync(cell, r => r.Status == CellStatus.Running);

        var status = await sweep.CancelNowAsync();

        Assert.Equal((SweepState.Cancelled, 0, 0, 0, 1), (status.State, status.Running, status.Done, status.Failed, status.Pending));
        var record = await WaitForRecordAsync(cell, r => r.Attempts.Count > 0 && r.Attempts[^1].Outcome != AttemptOutcome.Running);
        var attempt = Assert.Single(record.Attempts);
        Assert.Equal(AttemptOutcome.Cancelled, attempt.Outcome);
        Assert.NotNull(attempt.EndedAt);
        Assert.Equal(CellStatus.Pending, record.Status);
        Assert.Null(record.Result);
        Assert.Equal(status, await sweep.GetStatusAsync());
    }

    [Fact]
    public async Task StartedSweepsAreListedInTheDirectoryOnce()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        var directory = cluster.Client.GetGrain<ISweepDirectoryGrain>(0);
        Assert.Empty(await directory.ListAsync());

        foreach (var name in new[] { "first", "second" })
        {
            await cluster.Client.GetGrain<ISweepGrain>(name).SubmitAsync(TestSpecs.Submission(TestSpecs.Tiny(name)));
        }

        // Submitting the same spec again attaches to the sweep: it is not listed twice.
        var again = await cluster.Client.GetGrain<ISweepGrain>("first").SubmitAsync(TestSpecs.Submission(TestSpecs.Tiny("first")));
        Assert.Equal(SubmitKind.Attached, again.Kind);

        var listed = await directory.ListAsync();
        Assert.Equal(["first", "second"], listed.Select(e => e.Sweep));
        var started = (await cluster.Client.GetGrain<ISweepGrain>("first").GetStatusAsync()).StartedAt;
        Assert.Equal(started, listed[0].SubmittedAt);
    }

    [Fact]
    public async Task ACrashWhileCancelNowTellsTheCellsRestartsNoCell()
    {
        var data = TestSpecs.TempDirectory();
        var crashed = TestSpecs.TempDirectory();
        // Two cells in flight that would run for a minute: both are running when the sweep is cancelled.
        var spec = TestSpecs.Synthetic("cancel-now-crash", duration: 60);
        var cells = spec.ExpandCells().ToList();
        using var held = CancellationsHeld.For(spec.Name);
        var first = await SqliteTestCluster.StartAsync(data, slots: 2, window: 2,
            configure: b => b.AddSiloBuilderConfigurator<CancellationsHeld.Configurator>());
        var attemptsBefore = new Dictionary<string, int>();
        try
        {
            var sweep = first.Client.GetGrain<ISweepGrain>(spec.Name);
            await sweep.SubmitAsync(TestSpecs.Submission(spec));
            await WaitForRunningAsync(first, cells, 2);
            // A run grain stores its attempt as running once the kernel has run a second: both are stored by then.
            await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
            foreach (var cell in cells)
            {
                attemptsBefore[cell.Id] = (await first.Client.GetGrain<IRunGrain>(cell.Id).GetRecordAsync()).Attempts.Count;
            }

            // Not awaited: the sweep is held while it tells its cells, and the silo crashes there. What the crash
            // leaves is the storage as it is at that moment: a copy of it is what the next cluster starts from.
            _ = sweep.CancelNowAsync();
            await held.Reached.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
            CopyStorage(data, crashed);
            await first.Cluster.KillSiloAsync(first.Cluster.Primary!, TestContext.Current.CancellationToken);
        }
        finally
        {
            await first.DisposeAsync();
        }

        await using var second = await SqliteTestCluster.StartAsync(crashed, slots: 2, window: 2);
        var stored = await StoredAsync(second, spec.Name);
        Assert.Equal(SweepState.Cancelled, stored.State);
        Assert.Empty(stored.InFlight);

        var reactivated = second.Client.GetGrain<ISweepGrain>(spec.Name);
        var status = await reactivated.GetStatusAsync();
        // Give a reconciliation, had one been started, the time to reach the cells.
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        Assert.Equal((SweepState.Cancelled, 0, 0, 3), (status.State, status.Running, status.Done, status.Pending));
        Assert.Equal(status, await reactivated.GetStatusAsync());
        foreach (var cell in cells)
        {
            var record = await second.Client.GetGrain<IRunGrain>(cell.Id).GetRecordAsync();
            Assert.Equal(attemptsBefore[cell.Id], record.Attempts.Count);
        }
    }

    /// <summary>A consistent copy of the SQLite file, as a silo killed at this moment would leave it.</summary>
    private static void CopyStorage(string from, string to)
    {
        using var source = new SqliteConnection($"Data Source={Path.Combine(from, SqliteBackend.FileName)};Pooling=False");
        using var target = new SqliteConnection($"Data Source={Path.Combine(to, SqliteBackend.FileName)};Pooling=False");
        source.Open();
        target.Open();
        source.BackupDatabase(target);
    }

    private static async Task WaitForRunningAsync(SqliteTestCluster cluster, IReadOnlyList<CellDefinition> cells, int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var running = 0;
            foreach (var cell in cells)
            {
                if ((await cluster.Client.GetGrain<IRunGrain>(cell.Id).GetRecordAsync()).Status == CellStatus.Running)
                {
                    running++;
                }
            }

            if (running == count)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out; {running} cells running");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The sweep's state as stored, read from the storage rather than through the grain.</summary>
    private static async Task<SweepGrainState> StoredAsync(SqliteTestCluster cluster, string sweep)
    {
        var storage = cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var state = new GrainState<SweepGrainState>(new SweepGrainState());
        await storage.ReadStateAsync("sweep", cluster.Client.GetGrain<ISweepGrain>(sweep).GetGrainId(), state);
        Assert.True(state.RecordExists);
        return Assert.IsType<SweepGrainState>(state.State);
    }

    /// <summary>
    /// Holds the run grains' <see cref="IRunGrain.CancelAsync"/> calls of one sweep until disposed, so that a test can
    /// crash the silo while the sweep is telling its cells.
    /// </summary>
    private sealed class CancellationsHeld : IDisposable
    {
        private static readonly ConcurrentDictionary<string, CancellationsHeld> Held = new();
        private readonly string _sweep;
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private CancellationsHeld(string sweep) => _sweep = sweep;

        public Task Reached => _reached.Task;

        public static CancellationsHeld For(string sweep) => Held[sweep] = new CancellationsHeld(sweep);

        public void Dispose()
        {
            _released.TrySetResult();
            Held.TryRemove(_sweep, out _);
        }

        public sealed class Configurator : ISiloConfigurator
        {
            public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddIncomingGrainCallFilter(async context =>
            {
                if (context.InterfaceMethod.Name == nameof(IRunGrain.CancelAsync)
                    && context.Request.GetArgument(0) is string sweep
                    && Held.TryGetValue(sweep, out var held))
                {
                    held._reached.TrySetResult();
                    await held._released.Task;
                    return;
                }

                await context.Invoke();
            });
        }
    }

    private static async Task<CellRecord> WaitForRecordAsync(IRunGrain cell, Func<CellRecord, bool> until)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var record = await cell.GetRecordAsync();
            if (until(record))
            {
                return record;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out; last record: {record.Status}, {string.Join(",", record.Attempts.Select(a => a.Outcome))}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
