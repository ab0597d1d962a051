using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Grains.Aggregation;
using Orchestrator.Grains.Hosting;
using Orchestrator.Grains.Storage;
using Orchestrator.Grains.Tests.Infrastructure;
using Orleans.Storage;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// Two activations of one grain (the grain directory is eventually consistent, so this happens while membership
/// changes) write the same stored state through the silo's SQLite grain storage. An ETag conflict is settled by what
/// is stored: a stale writer never blindly overwrites the other writer's state.
/// </summary>
public sealed class ConflictingWriteTests
{
    [Fact]
    public async Task A_stale_writer_never_replaces_a_stored_final_result()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        var storage = cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var grainId = GrainId.Create("run", "conflicting-cell");

        // Both activations read the cell before either wrote it.
        var winner = new StoredState<CellRecord>(storage, "cell", grainId);
        var stale = new StoredState<CellRecord>(storage, "cell", grainId);
        await winner.ReadStateAsync();
        await stale.ReadStateAsync();

        winner.State.CellId = "conflicting-cell";
        winner.State.Status = CellStatus.Succeeded;
        winner.State.Result = new CellResult(0.25, false, null, 0.1, 1, 1e6, 1024, [0, 1], [1.0, 0.25]);
        winner.State.Attempts.Add(new CellAttempt { Silo = "a", Outcome = AttemptOutcome.Succeeded, StartedAt = DateTimeOffset.UtcNow });
        await winner.WriteWithRetryAsync();

        stale.State.CellId = "conflicting-cell";
        stale.State.Status = CellStatus.Pending;
        stale.State.Attempts.Add(new CellAttempt { Silo = "b", Outcome = AttemptOutcome.Abandoned, StartedAt = DateTimeOffset.UtcNow });
        await stale.WriteWithRetryAsync().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var stored = new StoredState<CellRecord>(storage, "cell", grainId);
        await stored.ReadStateAsync();
        Assert.Equal(CellStatus.Succeeded, stored.State.Status);
        Assert.Equal(0.25, stored.State.Result?.FinalLoss);
        Assert.Equal(["a"], stored.State.Attempts.Select(a => a.Silo));
        // The stale writer takes the stored result as its own: it reports the success, not its abandoned attempt.
        Assert.Equal(CellStatus.Succeeded, stale.State.Status);
        Assert.Equal(0.25, stale.State.Result?.FinalLoss);
    }

    [Fact]
    public async Task A_stale_writer_leaves_a_running_record_it_ends()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        var storage = cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var grainId = GrainId.Create("run", "running-cell");

        var other = new StoredState<CellRecord>(storage, "cell", grainId);
        var mine = new StoredState<CellRecord>(storage, "cell", grainId);
        await other.ReadStateAsync();
        await mine.ReadStateAsync();

        other.State.Status = CellStatus.Running;
        other.State.Attempts.Add(new CellAttempt { Silo = "a", StartedAt = DateTimeOffset.UtcNow });
        await other.WriteWithRetryAsync();

        // A final result is stored on top of a record that is not final.
        mine.State.Status = CellStatus.Failed;
        mine.State.LastError = "boom";
        await mine.WriteWithRetryAsync().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var stored = new StoredState<CellRecord>(storage, "cell", grainId);
        await stored.ReadStateAsync();
        Assert.Equal((CellStatus.Failed, "boom"), (stored.State.Status, stored.State.LastError));
    }

    [Fact]
    public async Task Two_writers_of_one_chunk_keep_each_others_outcomes()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        var storage = cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var grainId = GrainId.Create("outcomechunk", "conflicting-chunk");

        var first = new StoredState<OutcomeChunkState>(storage, "outcomes", grainId);
        var second = new StoredState<OutcomeChunkState>(storage, "outcomes", grainId);
        await first.ReadStateAsync();
        await second.ReadStateAsync();

        first.State.Outcomes.Add(Outcome("a"));
        await first.WriteWithRetryAsync();
        second.State.Outcomes.Add(Outcome("b"));
        second.State.Outcomes.Add(Outcome("a"));
        await second.WriteWithRetryAsync().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var stored = new StoredState<OutcomeChunkState>(storage, "outcomes", grainId);
        await stored.ReadStateAsync();
        Assert.Equal(["a", "b"], stored.State.Outcomes.Select(o => o.CellId));
        Assert.Equal(["a", "b"], second.State.Outcomes.Select(o => o.CellId));
    }

    private static CellOutcome Outcome(string cellId) => new(
        cellId, "gd", 1.0, 4, 0, null, CellStatus.Succeeded, 0.5, 0.1, 1, "a", 1, 1e6, null, ["succeeded"]);

    /// <summary>What a grain's persistent state does, over the silo's grain storage: a stale ETag conflicts.</summary>
    private sealed class StoredState<T>(IGrainStorage storage, string name, GrainId grainId) : IPersistentState<T>
        where T : new()
    {
        private readonly GrainState<T> _state = new(new T());

        public T State { get => _state.State!; set => _state.State = value; }

        public string? Etag => _state.ETag;

        public bool RecordExists => _state.RecordExists;

        public async Task ReadStateAsync()
        {
            await storage.ReadStateAsync(name, grainId, _state);
            _state.State ??= new T();
        }

        public Task WriteStateAsync() => storage.WriteStateAsync(name, grainId, _state);

        public Task ClearStateAsync() => storage.ClearStateAsync(name, grainId, _state);
    }
}
