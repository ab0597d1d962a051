using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>
/// A standalone silo without <c>--db</c> and the CLI's embedded silo are one service on a data folder: a CLI joins a
/// standalone silo that holds the folder, and the sweeps either stored are the other's too.
/// </summary>
public sealed class StandaloneSiloTests
{
    // Joining takes a second or two; a CLI that cannot join waits forever, so it is stopped well before the test's end.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_cli_joins_a_standalone_sqlite_silo_on_its_folder_and_the_sweep_runs_there()
    {
        var cli = new CliProcess();
        var data = cli.Path("data");
        var spec = cli.WriteFile("spec.yaml", SlowSpecs.Small("joined"));
        await using var silo = await StandaloneSiloProcess.StartAsync(data);

        var submit = await cli.RunAsync(Limit, "submit", spec, "--data", data);

        Assert.True(submit.ExitCode == 0, submit.Stdout + submit.Stderr + silo.Output);
        Assert.Equal("joined", submit.Stdout.Trim());
        var status = await WaitCompletedAsync(cli, data, "joined");
        Assert.Equal((32, 32), ((int)status["total"]!, (int)status["done"]!));

        // The sweep ran in the silo, which still holds the folder; once it stops, the CLI's own silo reads the same sweep.
        await silo.StopAsync();
        var after = await cli.RunAsync(Limit, "status", "joined", "--format", "json", "--data", data);
        Assert.True(after.ExitCode == 0, after.Stdout + after.Stderr);
        Assert.Equal(("completed", 32), ((string)JsonNode.Parse(after.Stdout)!["state"]!, (int)JsonNode.Parse(after.Stdout)!["done"]!));
    }

    [Fact]
    public async Task A_sweep_the_cli_stored_in_a_folder_is_listed_by_a_standalone_silo_on_it()
    {
        var cli = new CliProcess();
        var data = cli.Path("data");
        var spec = cli.WriteFile("spec.yaml", SlowSpecs.Small("stored"));
        var run = await cli.RunAsync("run", spec, "--data", data);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);

        await using var silo = await StandaloneSiloProcess.StartAsync(data);
        var list = await cli.RunAsync(Limit, "list", "--format", "json", "--data", data);

        Assert.True(list.ExitCode == 0, list.Stdout + list.Stderr + silo.Output);
        var sweep = Assert.Single(JsonNode.Parse(list.Stdout)!["sweeps"]!.AsArray())!;
        Assert.Equal(("stored", "completed", 32), ((string)sweep["sweep"]!, (string)sweep["state"]!, (int)sweep["done"]!));
    }

    private static async Task<JsonNode> WaitCompletedAsync(CliProcess cli, string data, string sweep)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var result = await cli.RunAsync(Limit, "status", sweep, "--format", "json", "--data", data);
            Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
            var status = JsonNode.Parse(result.Stdout)!;
            if ((string)status["state"]! == "completed")
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not completed: {result.Stdout}");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }
}
