using Orchestrator.Grains.Tests.Infrastructure;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// A cell's key is the hash of its definition: <see cref="IRunGrain.RunAsync"/> refuses an assignment whose definition
/// is not the cell it is sent to, so no result can be stored under another cell's id.
/// </summary>
public sealed class CellIdentityTests
{
    [Fact]
    public async Task AnAssignmentWhoseDefinitionHashesToAnotherIdIsRefusedAndNothingIsStored()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        var cells = TestSpecs.Tiny().ExpandCells().ToList();
        var (target, other) = (cells[0], cells[1]);
        Assert.NotEqual(target.Id, other.Id);
        var run = cluster.Client.GetGrain<IRunGrain>(target.Id);

        // Claims the target's id but carries another cell's definition.
        var forged = await Assert.ThrowsAsync<ArgumentException>(
            () => run.RunAsync(new CellAssignment("forger", target.Id, other.ToJson(), 1)));
        Assert.Contains(other.Id, forged.Message, StringComparison.Ordinal);

        // Carries another cell's definition and id, but is sent to the target.
        await Assert.ThrowsAsync<ArgumentException>(
            () => run.RunAsync(new CellAssignment("forger", other.Id, other.ToJson(), 1)));

        // Not a cell definition at all.
        await Assert.ThrowsAsync<ArgumentException>(
            () => run.RunAsync(new CellAssignment("forger", target.Id, "{\"not\":\"a cell\"}", 1)));

        await Task.Delay(500, TestContext.Current.CancellationToken);
        var record = await run.GetRecordAsync();
        Assert.Equal(CellStatus.Pending, record.Status);
        Assert.Empty(record.Attempts);
        Assert.Null(record.Result);
        Assert.True(string.IsNullOrEmpty(record.Definition));
        Assert.True(string.IsNullOrEmpty(record.CellId));
    }

    [Fact]
    public async Task AnAssignmentOfTheCellItselfRuns()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(TestSpecs.TempDirectory());
        var cell = TestSpecs.Tiny().ExpandCells().First();
        var run = cluster.Client.GetGrain<IRunGrain>(cell.Id);

        await run.RunAsync(new CellAssignment("owner", cell.Id, cell.ToJson(), 1));

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        CellRecord record;
        while (!(record = await run.GetRecordAsync()).IsFinal)
        {
            Assert.True(DateTime.UtcNow < deadline, "the cell did not finish");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(CellStatus.Succeeded, record.Status);
        Assert.Equal(cell.Id, record.CellId);
        Assert.Equal(cell.ToJson(), record.Definition);
    }
}
