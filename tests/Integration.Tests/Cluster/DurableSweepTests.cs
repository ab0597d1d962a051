using Xunit;
using Orchestrator.Integration.Tests.Infrastructure;

namespace Orchestrator.Integration.Tests.Cluster;

/// <summary>Durable state on PostgreSQL: a sweep survives every silo dying and the database restarting.</summary>
public sealed class DurableSweepTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task EverySiloKilledThenRestartedCompletesWithoutRerunningFinishedCells()
    {
        var database = await fixture.NewDatabaseAsync();
        await using var first = await SiloProcess.StartAsync(database);
        await using var second = await SiloProcess.StartAsync(database);
        Assert.Equal(0, (await fixture.CliAsync(database, "submit", fixture.SpecPath)).ExitCode);
        await fixture.WaitAsync(database, s => (int)s["done"]! >= 4);
        var finishedBefore = (await fixture.CellsAsync(database))
            .Where(c => (string)c!["status"]! == "succeeded").Select(c => (string)c!["id"]!).ToHashSet();

        await first.KillAsync();
        await second.KillAsync();
        await first.RestartAsync();
        await second.RestartAsync();
        var status = await fixture.WaitAsync(database, ClusterFixture.Finished);

        Assert.Equal("completed", (string)status["state"]!);
        var cells = await fixture.CellsAsync(database);
        await fixture.AssertMatchesReferenceAsync(cells);
        Assert.NotEmpty(finishedBefore);
        foreach (var cell in cells.Where(c => finishedBefore.Contains((string)c!["id"]!)))
        {
            Assert.Equal(["succeeded"], ClusterFixture.Outcomes(cell!));
        }
    }

    [Fact]
    public async Task DatabaseRestartMidSweepLosesNothing()
    {
        var database = await fixture.NewDatabaseAsync();
        await using var first = await SiloProcess.StartAsync(database);
        await using var second = await SiloProcess.StartAsync(database);
        Assert.Equal(0, (await fixture.CliAsync(database, "submit", fixture.SpecPath)).ExitCode);
        await fixture.WaitAsync(database, s => (int)s["done"]! >= 3);

        await fixture.Postgres.RestartAsync();
        var status = await fixture.WaitAsync(database, ClusterFixture.Finished);

        Assert.Equal("completed", (string)status["state"]!);
        await fixture.AssertMatchesReferenceAsync(await fixture.CellsAsync(database));
    }

    [Fact]
    public async Task IdenticalSpecAttachesAndChangedSpecIsRefused()
    {
        var database = await fixture.NewDatabaseAsync();
        await using var silo = await SiloProcess.StartAsync(database);
        Assert.Equal(0, (await fixture.CliAsync(database, "submit", fixture.SpecPath)).ExitCode);
        var changed = fixture.Cli.WriteFile("changed.yaml", ClusterFixture.Spec.Replace("steps: 100", "steps: 150"));

        var again = await fixture.CliAsync(database, "submit", fixture.SpecPath);
        var refused = await fixture.CliAsync(database, "submit", changed);

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("settings.steps", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("cluster-test", refused.Stderr, StringComparison.Ordinal);
        var status = await fixture.WaitAsync(database, ClusterFixture.Finished);
        Assert.Equal("completed", (string)status["state"]!);
    }
}
