using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>
/// <c>orchestrator fit FILE</c> says on stderr how many cells it read, which statuses they had and how many it could
/// use, and refuses (exit code 2) a file none of whose cells it can use instead of printing empty tables.
/// </summary>
public sealed class FitCommandTests
{
    [Fact]
    public async Task A_file_without_usable_cells_is_bad_input_that_names_the_statuses_found()
    {
        var cli = new CliProcess();
        var file = cli.WriteFile("done.json", Results(Cells(status: "done", sizes: [32, 64, 128], seeds: 2).Append(
            Cell("pending", 256, 0, null))));

        var result = await cli.RunAsync("fit", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("7 cells", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("done 6", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("pending 1", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("no usable cell", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("succeeded or diverged", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_cell_list_is_bad_input()
    {
        var cli = new CliProcess();

        var result = await cli.RunAsync("fit", cli.WriteFile("empty.json", Results([])));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("0 cells", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("no usable cell", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_fit_reports_the_cells_read_and_used_on_stderr()
    {
        var cli = new CliProcess();
        var cells = Cells(status: "succeeded", sizes: [32, 64, 128, 256], seeds: 2)
            .Append(Cell("diverged", 512, 0, null))
            .Append(Cell("failed", 512, 1, null));

        var result = await cli.RunAsync("fit", cli.WriteFile("mixed.json", Results(cells)), "--format", "json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("10 cells", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("succeeded 8", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("diverged 1", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("failed 1", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("9 usable", result.Stderr, StringComparison.Ordinal);
        // stdout stays the fits alone, so that it can be piped.
        var fits = JsonNode.Parse(result.Stdout)!["fits"]!.AsArray();
        Assert.Equal(2, fits.Count);
        Assert.All(fits, f => Assert.Equal(8, (int)f!["n_cells"]!));
    }

    [Fact]
    public async Task The_fits_are_the_same_on_one_thread_and_on_several()
    {
        var cli = new CliProcess();
        var cells = Cells(status: "succeeded", sizes: [32, 64, 128, 256, 512], seeds: 3)
            .Concat(Cells(status: "succeeded", sizes: [32, 64, 128, 256, 512], seeds: 3).Select(c =>
            {
                c["optimizer"] = "adam";
                c["final_loss"] = (double)c["final_loss"]! * (1 + 0.01 * ((int)c["size"]! % 7));
                return c;
            }));
        var file = cli.WriteFile("two.json", Results(cells));

        var one = await cli.RunAsync("fit", file, "--format", "json", "--threads", "1");
        var three = await cli.RunAsync("fit", file, "--format", "json", "--threads", "3");

        Assert.True(one.ExitCode == 0, one.Stderr);
        Assert.True(three.ExitCode == 0, three.Stderr);
        Assert.NotEmpty(JsonNode.Parse(one.Stdout)!["shifts"]!.AsArray());
        Assert.Equal(one.Stdout, three.Stdout);
    }

    [Fact]
    public async Task A_thread_count_below_one_is_bad_input()
    {
        var cli = new CliProcess();

        var result = await cli.RunAsync("fit", cli.WriteFile("one.json", Results(Cells("succeeded", [32, 64], 2))), "--threads", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--threads", result.Stderr, StringComparison.Ordinal);
    }

    private static IEnumerable<JsonObject> Cells(string status, int[] sizes, int seeds) =>
        from size in sizes
        from seed in Enumerable.Range(0, seeds)
        select Cell(status, size, seed, 2.0 * Math.Pow(size, -0.4) * (1 + 0.01 * seed));

    private static JsonObject Cell(string status, int size, int seed, double? loss) => new()
    {
        ["id"] = string.Create(CultureInfo.InvariantCulture, $"c{size}-{seed}"),
        ["optimizer"] = "gd",
        ["spectrum"] = 1.0,
        ["size"] = size,
        ["seed"] = seed,
        ["status"] = status,
        ["final_loss"] = loss,
    };

    private static string Results(IEnumerable<JsonObject> cells) =>
        new JsonObject { ["sweep"] = "elsewhere", ["state"] = "completed", ["cells"] = new JsonArray([.. cells]) }.ToJsonString();
}
