using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>
/// One finished sweep, then every way out of it: results as a table (fits and shifts), CSV and JSON, to stdout or a
/// file; plots of the figures from the cluster and from an exported file; and the bad inputs of <c>plot</c> and
/// <c>decisions</c>.
/// </summary>
public sealed class ResultsAndPlotTests(ExportedSweep sweep) : IClassFixture<ExportedSweep>
{
    private readonly CliProcess _cli = sweep.Cli;

    [Fact]
    public async Task ResultsComeAsATableWithFitsAndShiftsAsCsvAndAsJsonToAFile()
    {
        var table = await _cli.RunAsync("results", "exported");
        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains("Scaling exponents", table.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^natural-gradient\s+1\.5\s+\d\.\d{4}\s+\[", table.Stdout);
        Assert.Contains("Exponent shifts against the baseline", table.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^natural-gradient\s+gd\s+1\s+", table.Stdout);

        var csv = await _cli.RunAsync("results", "exported", "--format", "csv", "--out", "cells.csv");
        Assert.True(csv.ExitCode == 0, csv.Stderr);
        Assert.Equal("", csv.Stdout);
        var lines = File.ReadAllLines(_cli.Path("cells.csv"));
        Assert.Equal(33, lines.Length);
        Assert.StartsWith("id,optimizer,spectrum,size,seed", lines[0], StringComparison.Ordinal);

        var json = await _cli.RunAsync("results", "exported", "--format", "json", "--out", "results.json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        var written = JsonNode.Parse(File.ReadAllText(_cli.Path("results.json")))!;
        Assert.Equal(JsonNode.Parse(File.ReadAllText(_cli.Path("out/results.json")))!.ToJsonString(), written.ToJsonString());
        Assert.Equal(8, written["fits"]!.AsArray().Count);
        Assert.NotEmpty(written["shifts"]!.AsArray());
    }

    [Theory]
    [InlineData("loss", 1800, 1100)]
    [InlineData("alpha", 1400, 900)]
    public async Task PlotOfTheSweepIsALegibleImage(string figure, int width, int height)
    {
        var result = await _cli.RunAsync("plot", "exported", "--figure", figure, "--out", $"plots/{figure}.png");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        DrawnImage.Assert(_cli.Path($"plots/{figure}.png"), width, height);
    }

    [Fact]
    public async Task PlotOfAnExportedFileNeedsNoClusterAndHonoursTheSize()
    {
        var result = await _cli.RunAsync("plot", "--from", "out/results.json", "--figure", "alpha", "--law", "power", "--out", "alpha.png", "--width", "1300", "--height", "850");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        DrawnImage.Assert(_cli.Path("alpha.png"), 1300, 850);
    }

    [Fact]
    public void ResultsCarryTheOrderTheCellsWereStoredIn()
    {
        var document = JsonNode.Parse(File.ReadAllText(_cli.Path("out/results.json")))!;

        var orders = document["cells"]!.AsArray().Select(c => (int)c!["order"]!).Order();
        Assert.Equal(Enumerable.Range(0, 32), orders);
        Assert.Null(document["design"]);
    }

    [Fact]
    public async Task BudgetFigureOfTheSweepAgainstAnotherWithEachSeriesIsALegibleImage()
    {
        var result = await _cli.RunAsync("plot", "exported", "--figure", "budget", "--against", "exported", "--per-series", "--out", "plots/budget.png");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Matches(@"Wrote .*budget\.png: exported: 32 finished cells, [\d.]+ core-seconds, widest α interval \d\.\d{4}; exported: 32 finished cells", result.Stdout);
        DrawnImage.Assert(_cli.Path("plots/budget.png"), 1400, 900);
    }

    [Fact]
    public async Task BudgetFigureOfAnExportedFileNeedsNoCluster()
    {
        var result = await _cli.RunAsync("plot", "--from", "out/results.json", "--figure", "budget", "--against", "out/results.json", "--out", "budget-offline.png", "--width", "1000", "--height", "700");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        DrawnImage.Assert(_cli.Path("budget-offline.png"), 1000, 700);
    }

    [Fact]
    public async Task DecisionsOfASweepWithoutAnAdaptiveSectionIsExitCode2SayingSo()
    {
        var result = await _cli.RunAsync("decisions", "exported");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("sweep 'exported' has no adaptive section", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task StatusOfASweepWithoutAnAdaptiveSectionHasNoDesign()
    {
        var result = await _cli.RunAsync("status", "exported", "--format", "json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var status = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal(32, (int)status["done"]!);
        Assert.False(status.ContainsKey("design"));
    }

    [Theory]
    [InlineData("--out", "plot", "exported")]
    [InlineData("no sweep named 'missing'", "decisions", "missing")]
    [InlineData("--against: ID: no sweep named 'missing'", "plot", "exported", "--figure", "budget", "--against", "missing", "--out", "x.png")]
    [InlineData("--against", "plot", "--from", "out/results.json", "--figure", "budget", "--against", "nothing.json", "--out", "x.png")]
    [InlineData("--against / --per-series: only with --figure budget", "plot", "exported", "--against", "exported", "--out", "x.png")]
    [InlineData("--against / --per-series: only with --figure budget", "plot", "exported", "--figure", "alpha", "--per-series", "--out", "x.png")]
    [InlineData("no sweep named 'missing'", "plot", "missing", "--out", "x.png")]
    [InlineData("--from", "plot", "--from", "nothing.json", "--out", "x.png")]
    [InlineData("--from", "plot", "exported", "--from", "out/results.json", "--out", "x.png")]
    [InlineData("--figure", "plot", "exported", "--figure", "pie", "--out", "x.png")]
    public async Task BadPlotInputIsExitCode2NamingTheProblem(string named, params string[] args)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.Path("x.png")), "a bad command wrote its output");
    }
}
