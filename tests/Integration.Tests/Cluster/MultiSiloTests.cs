using Xunit;
using Orchestrator.Integration.Tests.Infrastructure;

namespace Orchestrator.Integration.Tests.Cluster;

/// <summary>Several silo processes: a silo killed, a silo stopped gracefully, a silo that joins late.</summary>
public sealed class MultiSiloTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task OneOfThreeSilosKilledMidSweep()
    {
        var database = await fixture.NewDatabaseAsync();
        await using var a = await SiloProcess.StartAsync(database);
        await using var b = await SiloProcess.StartAsync(database);
        await using var c = await SiloProcess.StartAsync(database);
        Assert.Equal(0, (await fixture.CliAsync(database, "submit", fixture.SpecPath)).ExitCode);
        await fixture.WaitAsync(database, s => (int)s["done"]! >= 4);

        await b.KillAsync();
        var status = await fixture.WaitAsync(database, ClusterFixture.Finished);

        Assert.Equal("completed", (string)status["state"]!);
        await fixture.AssertMatchesReferenceAsync(await fixture.CellsAsync(database));
    }

    [Fact]
    public async Task SiloStoppedGracefullyRecordsNoFailure()
    {
        var database = await fixture.NewDatabaseAsync();
        await using var a = await SiloProcess.StartAsync(database);
        await using var b = await SiloProcess.StartAsync(database);
        await using var c = await SiloProcess.StartAsync(database);
        Assert.Equal(0, (await fixture.CliAsync(database, "submit", fixture.SpecPath)).ExitCode);
        await fixture.WaitAsync(database, s => (int)s["done"]! >= 4);

        await c.TerminateAsync();
        var status = await fixture.WaitAsync(database, ClusterFixture.Finished);

        Assert.Equal(("completed", 0), ((string)status["state"]!, (int)status["failed"]!));
        var cells = await fixture.CellsAsync(database);
        await fixture.AssertMatchesReferenceAsync(cells);
        Assert.DoesNotContain(cells, cell => ClusterFixture.Outcomes(cell!).Contains("failed"));
    }

    [Fact]
    public async Task SiloJoiningMidSweepReceivesWork()
    {
        var database = await fixture.NewDatabaseAsync();
        await using var a = await SiloProcess.StartAsync(database);
        Assert.Equal(0, (await fixture.CliAsync(database, "submit", fixture.SpecPath)).ExitCode);
        await fixture.WaitAsync(database, s => (int)s["done"]! >= 2);

        await using var late = await SiloProcess.StartAsync(database);
        var status = await fixture.WaitAsync(database, ClusterFixture.Finished);

        Assert.Equal("completed", (string)status["state"]!);
        var cells = await fixture.CellsAsync(database);
        await fixture.AssertMatchesReferenceAsync(cells);
        Assert.Contains(cells, cell => (string?)cell!["silo"] == late.Name);
    }
}
