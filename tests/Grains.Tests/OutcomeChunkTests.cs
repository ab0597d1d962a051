using System.Text.Json;
using Microsoft.Data.Sqlite;
using Orchestrator.Grains.Aggregation;
using Orchestrator.Grains.Tests.Infrastructure;

namespace Orchestrator.Grains.Tests;

/// <summary>The aggregator keeps a sweep's finished cells in fixed-size chunks rather than in one growing state.</summary>
public sealed class OutcomeChunkTests
{
    /// <summary>2 spectra × 5 sizes × 30 seeds of trivially small cells: 300 outcomes, three chunks.</summary>
    private static readonly string ManyCells = """
        name: many
        experiment: random-features
        grid:
          optimizer: [gd]
          spectrum: [1.0, 1.5]
          size: [4, 5, 6, 7, 8]
          seed: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29]
        settings:
          latent_dim: 16
          steps: 1
          lr: auto
        fit:
          bootstrap: 100
        """;

    [Fact]
    public async Task OutcomesAcrossChunksAreStoredOnceAndReloadedExactly()
    {
        var data = TestSpecs.TempDirectory();
        var spec = TestSpecs.Parse(ManyCells);
        SweepResults before;
        await using (var first = await SqliteTestCluster.StartAsync(data, window: 32))
        {
            var sweep = first.Client.GetGrain<ISweepGrain>(spec.Name);
            await sweep.SubmitAsync(TestSpecs.Submission(spec));
            Assert.Equal(SweepState.Completed, (await TestSpecs.WaitFinishedAsync(sweep)).State);
            before = await first.Client.GetGrain<IAggregatorGrain>(spec.Name).GetResultsAsync();
        }

        var chunks = StoredPayloadSizes(data, "outcomes");
        var aggregator = StoredPayloadSizes(data, "aggregator");

        await using var second = await SqliteTestCluster.StartAsync(data, window: 32);
        var after = await second.Client.GetGrain<IAggregatorGrain>(spec.Name).GetResultsAsync();

        Assert.Equal(spec.CellCount, before.Cells.Count);
        Assert.Equal(spec.ExpandCells().Select(c => c.Id).Order(), before.Cells.Select(c => c.CellId).Order());
        Assert.Equal((spec.CellCount + OutcomeChunkKey.Capacity - 1) / OutcomeChunkKey.Capacity, chunks.Count);
        // The aggregator's own state holds its settings only, whatever the number of cells.
        Assert.Single(aggregator);
        Assert.True(aggregator[0] < 512, $"aggregator state is {aggregator[0]} bytes");
        Assert.Equal(JsonSerializer.Serialize(before.Analysis), JsonSerializer.Serialize(after.Analysis));
        Assert.Equivalent(before.Cells, after.Cells, strict: true);
    }

    [Fact]
    public async Task ResubmittingWithReplaceForgetsTheEarlierOutcomes()
    {
        var data = TestSpecs.TempDirectory();
        var spec = TestSpecs.Parse(ManyCells);
        var smaller = TestSpecs.Parse(ManyCells.Replace("spectrum: [1.0, 1.5]", "spectrum: [1.0]", StringComparison.Ordinal));
        await using var cluster = await SqliteTestCluster.StartAsync(data, window: 32);
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);
        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        await TestSpecs.WaitFinishedAsync(sweep);

        await sweep.SubmitAsync(TestSpecs.Submission(smaller, replace: true));
        await TestSpecs.WaitFinishedAsync(sweep);
        var results = await cluster.Client.GetGrain<IAggregatorGrain>(spec.Name).GetResultsAsync();

        Assert.Equal(smaller.ExpandCells().Select(c => c.Id).Order(), results.Cells.Select(c => c.CellId).Order());
        Assert.Equal((smaller.CellCount + OutcomeChunkKey.Capacity - 1) / OutcomeChunkKey.Capacity,
            StoredPayloadSizes(data, "outcomes").Count);
    }

    /// <summary>Payload sizes of the stored (not cleared) states named <paramref name="stateName"/>.</summary>
    private static List<long> StoredPayloadSizes(string data, string stateName)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "orchestrator.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT length(PayloadBinary) FROM OrleansStorage WHERE GrainTypeString = $type AND PayloadBinary IS NOT NULL";
        command.Parameters.AddWithValue("$type", stateName);
        using var reader = command.ExecuteReader();
        var sizes = new List<long>();
        while (reader.Read())
        {
            sizes.Add(reader.GetInt64(0));
        }

        return sizes;
    }
}
