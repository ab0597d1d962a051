using Orchestrator.Grains.Tests.Infrastructure;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// Silos of different sizes: a cell is placed on a silo whose memory budget holds it, and fails for want of memory
/// only when no silo's does.
/// </summary>
public sealed class MemoryPlacementTests
{
    [Fact]
    public async Task Cells_too_large_for_one_silo_run_on_a_silo_where_they_fit()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(),
            memoryBudgetBySilo: new Dictionary<string, string> { ["Primary"] = "1KiB", ["Secondary_1"] = "4GiB" });
        var spec = TestSpecs.Tiny("placed-by-memory");
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);

        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        var status = await TestSpecs.WaitFinishedAsync(sweep);

        Assert.Equal((spec.CellCount, 0), (status.Done, status.Failed));
        var secondary = cluster.Cluster.SecondarySilos.Single().Name;
        foreach (var cell in spec.ExpandCells())
        {
            var record = await cluster.Client.GetGrain<IRunGrain>(cell.Id).GetRecordAsync();
            Assert.Equal(CellStatus.Succeeded, record.Status);
            Assert.All(record.Attempts, a => Assert.Equal(secondary, a.Silo));
        }
    }

    [Fact]
    public async Task Cells_that_fit_no_silo_fail_once_with_the_reason()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory(),
            memoryBudgetBySilo: new Dictionary<string, string> { ["Primary"] = "1KiB", ["Secondary_1"] = "2KiB" });
        var spec = TestSpecs.Tiny("fits-nowhere", sizes: "[16]");
        var sweep = cluster.Client.GetGrain<ISweepGrain>(spec.Name);

        await sweep.SubmitAsync(TestSpecs.Submission(spec));
        var status = await TestSpecs.WaitFinishedAsync(sweep);

        Assert.Equal(spec.CellCount, status.Failed);
        foreach (var cell in spec.ExpandCells())
        {
            var attempt = Assert.Single((await cluster.Client.GetGrain<IRunGrain>(cell.Id).GetRecordAsync()).Attempts);
            Assert.Contains("more than this silo's whole memory budget", attempt.Error);
        }
    }
}
