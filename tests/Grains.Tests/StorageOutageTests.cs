using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Grains.Aggregation;
using Orchestrator.Grains.Tests.Infrastructure;

namespace Orchestrator.Grains.Tests;

/// <summary>These tests shorten the retries of every write in the process, so they run alone.</summary>
[CollectionDefinition(nameof(StorageOutageTests), DisableParallelization = true)]
public sealed class StorageOutageCollection;

/// <summary>
/// A database outage longer than the retry window: a write gives up and throws. Nothing it carried may count as
/// stored, so that the call, tried again once storage is back, stores it.
/// </summary>
[Collection(nameof(StorageOutageTests))]
public sealed class StorageOutageTests
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Outcomes_whose_store_gave_up_are_stored_when_added_again()
    {
        using var _ = StorageOutage.ShortenRetries(GiveUpAfter);
        var data = TestSpecs.TempDirectory();
        IReadOnlyList<CellOutcome> outcomes = [Outcome("a"), Outcome("b")];
        await using (var cluster = await SqliteTestCluster.StartAsync(data, configure: StorageOutage.Configure))
        {
            var outage = cluster.SiloServices.GetRequiredService<StorageOutage>();
            var aggregator = cluster.Client.GetGrain<IAggregatorGrain>("outage");

            outage.Begin("outcomes");
            await Assert.ThrowsAnyAsync<Exception>(() => aggregator.AddAsync(outcomes));

            outage.End();
            await aggregator.AddAsync(outcomes);
        }

        await using var restarted = await SqliteTestCluster.StartAsync(data);
        var results = await restarted.Client.GetGrain<IAggregatorGrain>("outage").GetResultsAsync();
        Assert.Equal(["a", "b"], results.Cells.Select(c => c.CellId));
    }

    private static CellOutcome Outcome(string cellId) => new(
        cellId, "gd", 1.0, 4, 0, null, CellStatus.Succeeded, 0.5, 0.1, 1, "a", 1, 1e6, null, ["succeeded"]);
}
