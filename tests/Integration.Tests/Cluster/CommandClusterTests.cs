using System.Text.Json.Nodes;
using Xunit;
using Orchestrator.Grains;
using Orchestrator.Integration.Tests.Infrastructure;

namespace Orchestrator.Integration.Tests.Cluster;

/// <summary>
/// The <c>command</c> experiment on a two-silo PostgreSQL cluster: a researcher's script per cell, one silo killed
/// with -9 mid-sweep (its running scripts die with it), and every cell ends exactly once with the numbers of an
/// uninterrupted run.
/// </summary>
public sealed class CommandClusterTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    // Each cell sleeps a second before the model runs, so that the kill finds scripts running.
    private const string Runners = """
        {
          "Runners": {
            "slow-width-model": {
              "Executable": "/bin/sh",
              "Arguments": [ "-c", "sleep 1; exec /usr/bin/python3 \"$0\" --width \"$1\" --seed \"$2\" --optimizer \"$3\" --steps \"$4\"",
                             "runners/width_model.py", "{size}", "{seed}", "{optimizer}", "{steps}" ],
              "TimeoutSeconds": 120
            }
          }
        }
        """;

    private const string Spec = """
        name: command-cluster
        experiment: command
        grid:
          optimizer: [gd, momentum]
          spectrum: [1.5]
          size: [32, 64, 128, 256]
          seed: [0, 1, 2]
        settings:
          runner: slow-width-model
          steps: 200
        fit:
          bootstrap: 100
        """;

    [Fact]
    public async Task Every_cell_ends_once_when_a_silo_is_killed_mid_sweep()
    {
        var cli = fixture.Cli;
        Directory.CreateDirectory(cli.Path("runners"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "examples", "runners", "width_model.py"), cli.Path("runners/width_model.py"), overwrite: true);
        var runners = cli.WriteFile("command-runners.json", Runners);
        var spec = cli.WriteFile("command.yaml", Spec);
        var reference = await cli.RunAsync("run", spec, "--runners", runners, "--data", "command-reference", "--out", "command-reference-out");
        Assert.True(reference.ExitCode == 0, reference.Stdout + reference.Stderr);
        var expected = JsonNode.Parse(File.ReadAllText(cli.Path("command-reference-out/results.json")))!["cells"]!.AsArray()
            .ToDictionary(c => (string)c!["id"]!, c => (double)c!["final_loss"]!);

        var database = await fixture.NewDatabaseAsync();
        await using var a = await SiloProcess.StartAsync(database, 2, "--runners", runners);
        await using var b = await SiloProcess.StartAsync(database, 2, "--runners", runners);
        Assert.Equal(0, (await fixture.CliAsync(database, "submit", spec)).ExitCode);
        await fixture.WaitAsync(database, s => s.Done >= 4 && s.Running > 0, sweepName: "command-cluster");

        await b.KillAsync();
        var status = await fixture.WaitAsync(database, ClusterFixture.Finished, sweepName: "command-cluster");

        Assert.Equal((SweepState.Completed, 24, 0), (status.State, status.Done, status.Failed));
        var cells = await fixture.CellsAsync(database, "command-cluster");
        Assert.Equal(expected.Count, cells.Count);
        foreach (var cell in cells)
        {
            Assert.Equal("succeeded", (string)cell!["status"]!);
            Assert.Single(ClusterFixture.Outcomes(cell), o => o == "succeeded");
            Assert.Equal(expected[(string)cell["id"]!], (double)cell["final_loss"]!);
        }
    }
}
