using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>The embedded default end to end: run, status, results, and resume after kill -9.</summary>
public sealed class EmbeddedRunTests
{
    private static readonly string Quickstart = Path.Combine(AppContext.BaseDirectory, "examples", "quickstart.yaml");

    [Fact]
    public async Task QuickstartPrintsTheTableAndWritesTheThreeFiles()
    {
        var cli = new CliProcess();

        var run = await cli.RunAsync("run", Quickstart, "--out", "out");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("Started sweep 'quickstart': 40 cells.", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("natural-gradient", run.Stdout, StringComparison.Ordinal);
        var results = JsonNode.Parse(File.ReadAllText(cli.Path("out/results.json")))!;
        Assert.Equal("quickstart", (string)results["sweep"]!);
        Assert.Equal("completed", (string)results["state"]!);
        var cells = results["cells"]!.AsArray();
        Assert.Equal(40, cells.Count);
        Assert.All(cells, c => Assert.Equal("succeeded", (string)c!["status"]!));
        Assert.Equal(41, File.ReadAllLines(cli.Path("out/cells.csv")).Length);
        var fits = File.ReadAllLines(cli.Path("out/fits.csv"));
        Assert.StartsWith("optimizer,spectrum,law,alpha,alpha_ci_low,alpha_ci_high,E,A,n_sizes,n_cells,flags", fits[0], StringComparison.Ordinal);
        Assert.Contains(fits, l => l.StartsWith("natural-gradient,1.5,power,", StringComparison.Ordinal));

        var status = await cli.RunAsync("status", "quickstart", "--format", "json");
        Assert.Equal(0, status.ExitCode);
        var statusJson = JsonNode.Parse(status.Stdout)!;
        Assert.Equal(("completed", 40, 40, 0, 0), ((string)statusJson["state"]!, (int)statusJson["total"]!, (int)statusJson["done"]!, (int)statusJson["pending"]!, (int)statusJson["failed"]!));

        var json = await cli.RunAsync("results", "quickstart", "--format", "json");
        Assert.Equal(0, json.ExitCode);
        Assert.Equal(results.ToJsonString(), JsonNode.Parse(json.Stdout)!.ToJsonString());

        var csv = await cli.RunAsync("results", "quickstart", "--format", "csv");
        Assert.Equal(File.ReadAllText(cli.Path("out/cells.csv")), csv.Stdout);

        // The offline refit of the exported file gives the aggregator's numbers exactly.
        var refit = await cli.RunAsync("fit", cli.Path("out/results.json"), "--format", "json");
        Assert.True(refit.ExitCode == 0, refit.Stderr);
        var refitJson = JsonNode.Parse(refit.Stdout)!;
        foreach (var part in new[] { "fits", "shifts", "shared_exponent", "diagnostics" })
        {
            Assert.Equal(results[part]!.ToJsonString(), refitJson[part]!.ToJsonString());
        }
    }

    [Fact]
    public async Task FitOfAFileThatIsNotResultsIsBadInput()
    {
        var cli = new CliProcess();
        var result = await cli.RunAsync("fit", cli.WriteFile("x.json", "{\"cells\": 3}"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cells", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownSweepIsBadInput()
    {
        var result = await new CliProcess().RunAsync("status", "nothing-here");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no sweep named 'nothing-here'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KilledRunResumesWithoutRerunningFinishedCells()
    {
        var cli = new CliProcess();
        // Cells of a known length (0.5 s, one slot), so that the kill lands mid-sweep however fast the machine.
        var spec = cli.WriteFile("spec.yaml", """
            name: resumable
            experiment: synthetic
            grid:
              optimizer: [gd]
              spectrum: [1.0]
              size: [256, 512, 1024, 2048]
              seed: [0, 1, 2, 3]
            settings:
              alpha: 0.3
              duration: 0.5
            """);
        var output = new StringBuilder();
        using (var first = cli.StartBackground(output, "run", spec, "--slots", "1"))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (DoneCount(output) < 3 && !first.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            Assert.False(first.HasExited, "the sweep ended before it could be interrupted:\n" + output);
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var resumed = await cli.RunAsync("run", spec, "--slots", "1", "--out", "out");

        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        var match = System.Text.RegularExpressions.Regex.Match(resumed.Stdout, @"Resuming sweep 'resumable': (\d+) of 16 cells already done; running the remaining (\d+)\.");
        Assert.True(match.Success, resumed.Stdout);
        var doneBefore = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(doneBefore >= 3, $"only {doneBefore} done before the kill");
        var cells = JsonNode.Parse(File.ReadAllText(cli.Path("out/results.json")))!["cells"]!.AsArray();
        Assert.All(cells, c => Assert.Equal("succeeded", (string)c!["status"]!));
        // Cells finished before the kill were not run again: only the cells in flight at the kill (at most the
        // dispatch window, 2 with one slot) have a second attempt.
        var extraAttempts = cells.Sum(c => (int)c!["attempts"]! - 1);
        Assert.InRange(extraAttempts, 0, 2);
        Assert.True(cells.Count(c => (int)c!["attempts"]! == 1) >= doneBefore);
    }

    private static int DoneCount(StringBuilder output)
    {
        string text;
        lock (output)
        {
            text = output.ToString();
        }

        var matches = System.Text.RegularExpressions.Regex.Matches(text, @"(\d+)/16 done");
        return matches.Count == 0 ? 0 : int.Parse(matches[^1].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
