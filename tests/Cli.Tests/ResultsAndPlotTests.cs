using System.Text.Json.Nodes;
using Orchestrator.Testing;
using SkiaSharp;

namespace Orchestrator.Cli.Tests;

/// <summary>
/// One finished sweep, then every way out of it: results as a table (fits and shifts), CSV and JSON, to stdout or a
/// file; plots of both figures from the cluster and from an exported file; and the bad inputs of <c>plot</c>.
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
        AssertDrawn(_cli.Path($"plots/{figure}.png"), width, height);
    }

    [Fact]
    public async Task PlotOfAnExportedFileNeedsNoClusterAndHonoursTheSize()
    {
        var result = await _cli.RunAsync("plot", "--from", "out/results.json", "--figure", "alpha", "--law", "power", "--out", "alpha.png", "--width", "1300", "--height", "850");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        AssertDrawn(_cli.Path("alpha.png"), 1300, 850);
    }

    [Theory]
    [InlineData("--out", "plot", "exported")]
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

    /// <summary>The PNG header gives the size; the pixels show a drawing, not a blank page.</summary>
    private static void AssertDrawn(string path, int width, int height)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.Equal((width, height), (BigEndian(bytes, 16), BigEndian(bytes, 20)));

        using var bitmap = SKBitmap.Decode(path);
        var colours = new HashSet<SKColor>();
        var inked = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var pixel = bitmap.GetPixel(x, y);
                colours.Add(pixel);
                inked += pixel.Red + pixel.Green + pixel.Blue < 600 ? 1 : 0;
            }
        }

        // Text, axes, markers and lines in several colours: far more than a blank or single-colour image.
        Assert.True(colours.Count > 50, $"{colours.Count} distinct colours");
        Assert.InRange(inked / (bitmap.Width * bitmap.Height / 4.0), 0.005, 0.5);
    }

    private static int BigEndian(byte[] bytes, int offset) =>
        (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
}
