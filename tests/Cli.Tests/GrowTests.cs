using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>
/// Growing a sweep from the command line: <c>orchestrator grow</c> with a flag per axis, a resubmitted spec with new
/// values, refusal of a spec that would remove values, and a run killed with kill -9 just after it grew the sweep.
/// </summary>
public sealed class GrowTests
{
    private static string Spec(string seeds, double duration = 0) => $"""
        name: growing
        experiment: synthetic
        grid:
          optimizer: [gd]
          spectrum: [1.0]
          size: [32, 64, 128, 256, 512]
          seed: {seeds}
        settings:
          alpha: 0.3
          duration: {duration.ToString(CultureInfo.InvariantCulture)}
        fit:
          bootstrap: 100
        """;

    [Fact]
    public async Task GrowAddsTheFlagsValuesAndAResubmittedGrownSpecRunsOnlyTheNewCells()
    {
        var cli = new CliProcess();
        var first = await cli.RunAsync("run", cli.WriteFile("spec.yaml", Spec("[0, 1]")));
        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);

        var grow = await cli.RunAsync("grow", "growing", "--seed", "1,2", "--size", "1024");

        Assert.True(grow.ExitCode == 0, grow.Stdout + grow.Stderr);
        Assert.Contains("Grew sweep 'growing' by 8 cells to 18: 10 already done; running the remaining 8.", grow.Stdout, StringComparison.Ordinal);
        Assert.Contains("grid.size: [32, 64, 128, 256, 512] -> [32, 64, 128, 256, 512, 1024]", grow.Stdout, StringComparison.Ordinal);
        Assert.Contains("grid.seed: [0, 1] -> [0, 1, 2]", grow.Stdout, StringComparison.Ordinal);
        Assert.Contains("--seed: 1 is in the sweep already", grow.Stderr, StringComparison.Ordinal);

        // The spec written with the same values is the grown sweep's: run attaches, runs the new cells, refits.
        var grownSpec = cli.WriteFile("grown.yaml", Spec("[0, 1, 2]").Replace("512]", "512, 1024]", StringComparison.Ordinal));
        var run = await cli.RunAsync("run", grownSpec, "--out", "out");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        // The hosting silo resumes the stored grown sweep as it starts, so a few new cells may be done by the time it answers.
        Assert.Matches(@"Resuming sweep 'growing': 1\d of 18 cells already done", run.Stdout);
        var results = JsonNode.Parse(File.ReadAllText(cli.Path("out/results.json")))!;
        var cells = results["cells"]!.AsArray();
        Assert.Equal(18, cells.Count);
        Assert.All(cells, c => Assert.Equal(1, (int)c!["attempts"]!));
        var power = results["fits"]!.AsArray().Single(f => (string)f!["law"]! == "power")!;
        Assert.Equal((6, 18), ((int)power["n_sizes"]!, (int)power["n_cells"]!));

        var status = JsonNode.Parse((await cli.RunAsync("status", "growing", "--format", "json")).Stdout)!;
        Assert.Equal(("completed", 18, 18), ((string)status["state"]!, (int)status["total"]!, (int)status["done"]!));
        var again = await cli.RunAsync("grow", "growing", "--seed", "2");
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("nothing to grow", again.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "grow", "growing" }, "grow: name at least one axis")]
    [InlineData(new[] { "grow", "growing", "--seed", "x" }, "--seed: must be an integer, got 'x'")]
    [InlineData(new[] { "grow", "growing", "--size", "0" }, "--size: ")]
    [InlineData(new[] { "grow", "growing", "--lr", "0.1" }, "--lr: the sweep has no axis 'lr'; its axes are optimizer, spectrum, size, seed")]
    [InlineData(new[] { "grow", "growing", "--lr" }, "--lr: give the values to add")]
    [InlineData(new[] { "grow", "growing", "--seed", "3,,4" }, "an empty value")]
    [InlineData(new[] { "grow", "nothing-here", "--seed", "3" }, "no sweep named 'nothing-here'")]
    public async Task BadGrowFlagsAreBadInputNamingTheFlag(string[] args, string message)
    {
        var cli = new CliProcess();
        Assert.Equal(0, (await cli.RunAsync("run", cli.WriteFile("spec.yaml", Spec("[0]")))).ExitCode);

        var grow = await cli.RunAsync(args);

        Assert.True(grow.ExitCode == 2, grow.Stdout + grow.Stderr);
        Assert.Contains(message, grow.Stderr, StringComparison.Ordinal);
        var status = JsonNode.Parse((await cli.RunAsync("status", "growing", "--format", "json")).Stdout)!;
        Assert.Equal(5, (int)status["total"]!);
    }

    [Fact]
    public async Task ASpecThatWouldRemoveValuesIsRefusedWithWhatWouldGoUnlessNew()
    {
        var cli = new CliProcess();
        Assert.Equal(0, (await cli.RunAsync("run", cli.WriteFile("spec.yaml", Spec("[0, 1, 2]")))).ExitCode);
        var smaller = cli.WriteFile("smaller.yaml", Spec("[0, 3]"));

        var refused = await cli.RunAsync("run", smaller);

        Assert.True(refused.ExitCode == 2, refused.Stdout + refused.Stderr);
        Assert.Contains("sweep 'growing' would lose 10 of its 15 cells", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("  grid.seed: 1, 2\n", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--new", refused.Stderr, StringComparison.Ordinal);
        var status = JsonNode.Parse((await cli.RunAsync("status", "growing", "--format", "json")).Stdout)!;
        Assert.Equal(("completed", 15), ((string)status["state"]!, (int)status["total"]!));

        var replaced = await cli.RunAsync("run", smaller, "--new");
        Assert.True(replaced.ExitCode == 0, replaced.Stdout + replaced.Stderr);
        Assert.Contains("Started sweep 'growing': 10 cells.", replaced.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunKilledJustAfterItGrewTheSweepResumesTheGrownSweep()
    {
        var cli = new CliProcess();
        Assert.Equal(0, (await cli.RunAsync("run", cli.WriteFile("spec.yaml", Spec("[0]", duration: 0.3)), "--out", "before")).ExitCode);
        var grown = cli.WriteFile("grown.yaml", Spec("[0, 1, 2, 3]", duration: 0.3));

        var output = new StringBuilder();
        using (var growing = cli.StartBackground(output, "run", grown, "--slots", "1"))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!Text(output).Contains("Grew sweep", StringComparison.Ordinal) && !growing.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            Assert.False(growing.HasExited, "the run ended before it could be killed:\n" + Text(output));
            growing.Kill(entireProcessTree: true);
            await growing.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        Assert.Contains("Grew sweep 'growing' by 15 cells to 20", Text(output), StringComparison.Ordinal);
        var resumed = await cli.RunAsync("run", grown, "--slots", "1", "--out", "out");

        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        var match = Regex.Match(resumed.Stdout, @"Resuming sweep 'growing': (\d+) of 20 cells already done");
        Assert.True(match.Success, resumed.Stdout);
        Assert.True(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) >= 5, resumed.Stdout);
        var before = JsonNode.Parse(File.ReadAllText(cli.Path("before/results.json")))!["cells"]!.AsArray();
        var cells = JsonNode.Parse(File.ReadAllText(cli.Path("out/results.json")))!["cells"]!.AsArray();
        Assert.Equal(20, cells.Count);
        Assert.All(cells, c => Assert.Equal("succeeded", (string)c!["status"]!));
        // The old cells are untouched; of the new ones, only those in flight at the kill (the window, 2 with one
        // slot) may have run twice.
        var byId = cells.ToDictionary(c => (string)c!["id"]!, c => c!);
        Assert.All(before, c => Assert.Equal(c!.ToJsonString(), byId[(string)c!["id"]!].ToJsonString()));
        Assert.InRange(cells.Sum(c => (int)c!["attempts"]! - 1), 0, 2);
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
