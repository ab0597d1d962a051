using Xunit;
using Orchestrator.Grains;
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
        await fixture.WaitAsync(database, s => s.Done >= 4);

        await b.KillAsync();
        var status = await fixture.WaitAsync(database, ClusterFixture.Finished);

        Assert.Equal(SweepState.Completed, status.State);
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
        await fixture.WaitAsync(database, s => s.Done >= 4);

        await c.TerminateAsync();
        var status = await fixture.WaitAsync(database, ClusterFixture.Finished);

        Assert.Equal((SweepState.Completed, 0), (status.State, status.Failed));
        var cells = await fixture.CellsAsync(database);
        await fixture.AssertMatchesReferenceAsync(cells);
        Assert.DoesNotContain(cells, cell => ClusterFixture.Outcomes(cell!).Contains("failed"));
    }

    [Fact]
    public async Task SiloJoiningMidSweepReceivesWork()
    {
        // More cells than the other tests (96, a few minutes for one slot), so that plenty is left when the late
        // silo is up.
        var spec = fixture.Cli.WriteFile("join.yaml", ClusterFixture.Spec
            .Replace("name: cluster-test", "name: cluster-join")
            .Replace("seed: [0, 1, 2, 3]", "seed: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]"));
        var database = await fixture.NewDatabaseAsync();
        await using var a = await SiloProcess.StartAsync(database);
        Assert.Equal(0, (await fixture.CliAsync(database, "submit", spec)).ExitCode);
        await fixture.WaitAsync(database, s => s.Done >= 2, sweepName: "cluster-join");

        await using var late = await SiloProcess.StartAsync(database);
        var status = await fixture.WaitAsync(database, ClusterFixture.Finished, sweepName: "cluster-join");

        Assert.Equal((SweepState.Completed, 0), (status.State, status.Failed));
        var cells = await fixture.CellsAsync(database, "cluster-join");
        Assert.All(cells, cell => Assert.Single(ClusterFixture.Outcomes(cell!), o => o == "succeeded"));
        var silos = cells.Select(cell => (string?)cell!["silo"]).Distinct().ToList();
        Assert.True(silos.Contains(late.Name), $"no cell ran on {late.Name}; silos: {string.Join(", ", silos)}");
    }
}
