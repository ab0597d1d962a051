using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary><c>submit</c> returns with the sweep's id while it runs on; <c>list</c> shows it with its progress.</summary>
public sealed class SubmitAndListTests
{
    [Fact]
    public async Task SubmitReturnsTheIdAtOnceAndListShowsTheRunningSweep()
    {
        var cli = new CliProcess();
        var spec = cli.WriteFile("spec.yaml", SlowSpecs.Endless("listed"));

        var submit = await cli.RunAsync("submit", spec);

        Assert.True(submit.ExitCode == 0, submit.Stdout + submit.Stderr);
        Assert.Equal("listed", submit.Stdout.Trim());
        var status = JsonNode.Parse((await cli.RunAsync("status", "listed", "--format", "json")).Stdout)!;
        Assert.Equal("running", (string)status["state"]!);
        Assert.Equal(0, (int)status["done"]!);

        var table = await cli.RunAsync("list");
        Assert.True(table.ExitCode == 0, table.Stderr);
        var row = table.Stdout.Split('\n').Single(l => l.StartsWith("listed ", StringComparison.Ordinal));
        Assert.Matches(@"^listed\s+random-features\s+running\s+0/6 \(0%\)\s+0\s+\d+\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\s*$", row);

        var json = await cli.RunAsync("list", "--format", "json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        var sweep = Assert.Single(JsonNode.Parse(json.Stdout)!["sweeps"]!.AsArray())!;
        Assert.Equal(("listed", "random-features", "running", 6, 0, 0), (
            (string)sweep["sweep"]!, (string)sweep["experiment"]!, (string)sweep["state"]!,
            (int)sweep["total"]!, (int)sweep["done"]!, (int)sweep["failed"]!));
        var submitted = DateTimeOffset.Parse((string)sweep["submitted"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(submitted, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task ListOfAnEmptyFolderSaysSoAndJsonIsEmpty()
    {
        var cli = new CliProcess();

        var table = await cli.RunAsync("list");
        var json = await cli.RunAsync("list", "--format", "json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("No sweeps yet", table.Stdout, StringComparison.Ordinal);
        Assert.Empty(JsonNode.Parse(json.Stdout)!["sweeps"]!.AsArray());
    }

    [Fact]
    public async Task UnknownFormatIsBadInputNamingTheFlag()
    {
        var result = await new CliProcess().RunAsync("list", "--format", "xml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--format", result.Stderr, StringComparison.Ordinal);
    }
}
