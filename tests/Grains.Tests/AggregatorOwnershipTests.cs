using System.Text.Json;
using Orchestrator.Grains.Tests.Infrastructure;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// A sweep's aggregator takes cells and settings from that sweep alone: a client (or any other grain) that calls
/// <see cref="IAggregatorGrain.AddAsync"/> or <see cref="IAggregatorGrain.ConfigureAsync"/> is refused, and the
/// sweep's results are left as they were.
/// </summary>
public sealed class AggregatorOwnershipTests
{
    [Fact]
    public async Task Only_the_owning_sweep_may_add_cells_or_configure_its_aggregator()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        var spec = TestSpecs.Synthetic("owned");
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);
        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        Assert.Equal(SweepState.Completed, (await TestSpecs.WaitFinishedAsync(sweep)).State);
        var aggregator = cluster.Client.GetGrain<IAggregatorGrain>(spec.Name);
        var before = await aggregator.GetResultsAsync();

        var forged = before.Cells[0] with { CellId = "forged", FinalLoss = 123.0 };
        var added = await Assert.ThrowsAnyAsync<Exception>(() => aggregator.AddAsync([forged]));
        var configured = await Assert.ThrowsAnyAsync<Exception>(() => aggregator.ConfigureAsync(new AggregatorSettings("gd", 100, null)));

        Assert.Contains("only sweep 'owned'", added.Message);
        Assert.Contains("only sweep 'owned'", configured.Message);
        var after = await aggregator.GetResultsAsync();
        Assert.Equal(before.Cells.Select(c => c.CellId), after.Cells.Select(c => c.CellId));
        Assert.Equal(JsonSerializer.Serialize(before.Analysis), JsonSerializer.Serialize(after.Analysis));
    }

    [Fact]
    public async Task A_sweep_name_never_submitted_cannot_be_given_cells()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        var aggregator = cluster.Client.GetGrain<IAggregatorGrain>("future-sweep");
        var outcome = new CellOutcome("c", "gd", 1.0, 4, 0, null, CellStatus.Succeeded, 0.5, 0.1, 1, "a", 1, 1e6, null, ["succeeded"]);

        await Assert.ThrowsAnyAsync<Exception>(() => aggregator.AddAsync([outcome]));

        Assert.Empty((await aggregator.GetResultsAsync()).Cells);
    }
}
