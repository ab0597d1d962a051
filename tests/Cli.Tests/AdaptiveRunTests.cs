using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>
/// A small adaptive sweep run to its end through the CLI, then everything that shows its design: the end of
/// <c>run</c>, <c>status</c> as text and JSON, <c>list</c>, <c>decisions</c>, results.json and the budget figure.
/// Its policy stops on the budget (the target is out of reach), and every view agrees on it.
/// </summary>
public sealed class AdaptiveRunTests(AdaptiveRunTests.Sweep sweep) : IClassFixture<AdaptiveRunTests.Sweep>
{
    private const string Name = "adaptive-cli";

    /// <summary>The candidates: two series × four sizes × six seeds.</summary>
    private const int Candidates = 48;

    /// <summary>Runs the sweep once for the class: 48 candidates, a target it cannot meet, a budget of 20 cells.</summary>
    public sealed class Sweep : IAsyncLifetime
    {
        public CliProcess Cli { get; } = new();

        public CliResult Run { get; private set; } = new(-1, "", "");

        public async ValueTask InitializeAsync()
        {
            Run = await Cli.RunAsync("run", Cli.WriteFile("adaptive.yaml", $"""
                name: {Name}
                experiment: synthetic
                grid:
                  optimizer: [slow, fast]
                  spectrum: [1.0]
                  size: [32, 64, 128, 256]
                  seed: [0, 1, 2, 3, 4, 5]
                settings:
                  A: 2.0
                  alpha: 0.1
                  sigma: 0.05
                  duration: 0.001
                optimizers:
                  fast:
                    alpha: 0.5
                fit:
                  baseline: slow
                  bootstrap: 100
                adaptive:
                  target: 0.0001
                  budget:
                    cells: 20
                """), "--out", "out");
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private readonly CliProcess _cli = sweep.Cli;

    private async Task<JsonObject> StatusAsync()
    {
        var status = await _cli.RunAsync("status", Name, "--format", "json");
        Assert.True(status.ExitCode == 0, status.Stderr);
        return JsonNode.Parse(status.Stdout)!.AsObject();
    }

    [Fact]
    public void RunSaysItChoosesAmongCandidatesAndEndsWithTheDesign()
    {
        Assert.True(sweep.Run.ExitCode == 0, sweep.Run.Stdout + sweep.Run.Stderr);
        Assert.Contains($"Started adaptive sweep '{Name}': {Candidates} candidate cells; its policy chooses which of them run.", sweep.Run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"Adaptive design \(uncertainty policy\): \d+ decisions, stopped: budget spent", sweep.Run.Stdout);
        Assert.Contains("target: every series' α interval at most 0.0001 wide", sweep.Run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^slow\s+1\s", sweep.Run.Stdout);
    }

    [Fact]
    public async Task StatusCountsTheChosenCellsAndSaysTheRestWereNotChosen()
    {
        var status = await StatusAsync();
        var design = status["design"]!.AsObject();
        var chosen = (int)design["cells_chosen"]!;

        Assert.Equal("budget-spent", (string)design["stop"]!);
        Assert.InRange(chosen, 1, Candidates);
        Assert.Equal(chosen, (int)status["done"]! + (int)status["failed"]!);
        Assert.Equal(Candidates, (int)status["total"]!);
        Assert.Equal(0.0001, (double)design["target_width"]!);
        Assert.Equal(20, (int)design["budget_cells"]!);

        var text = await _cli.RunAsync("status", Name);
        Assert.True(text.ExitCode == 0, text.Stderr);
        Assert.Contains($"{chosen}/{chosen} chosen cells done", text.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{Candidates - chosen} of {Candidates} candidates not chosen\n", text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("pending", text.Stdout, StringComparison.Ordinal);

        var list = await _cli.RunAsync("list");
        Assert.Contains($"{chosen}/{chosen} chosen (100%) of {Candidates} candidates", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryDecisionIsListedAndReplaysToTheSameChoices()
    {
        var design = (await StatusAsync())["design"]!.AsObject();

        var text = await _cli.RunAsync("decisions", Name);
        Assert.True(text.ExitCode == 0, text.Stdout + text.Stderr);
        Assert.EndsWith($"All {(int)design["decisions"]!} decisions replay to the same choices.\n", text.Stdout, StringComparison.Ordinal);
        Assert.Contains($"stopped: {((string)design["stop"]!).Replace('-', ' ')}", text.Stdout, StringComparison.Ordinal);

        var json = await _cli.RunAsync("decisions", Name, "--format", "json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        var log = JsonNode.Parse(json.Stdout)!.AsObject();
        Assert.True((bool)log["replayed"]!);
        var decisions = log["decisions"]!.AsArray();
        Assert.Equal((int)design["decisions"]!, decisions.Count);
        // A unit here is one cell (the grid has no other axis): the choices add up to the cells chosen.
        Assert.Equal((int)design["cells_chosen"]!, decisions.Sum(d => d!["choices"]!.AsArray().Count));
        Assert.Equal((string)design["stop"]!, (string)decisions[^1]!["stop"]!);
    }

    [Fact]
    public async Task ResultsCarryTheDesignAndTheStoredOrderAndTheBudgetFigureDrawsThem()
    {
        var document = JsonNode.Parse(File.ReadAllText(_cli.Path("out/results.json")))!;
        var chosen = (int)document["design"]!["cells_chosen"]!;
        Assert.Equal(Enumerable.Range(0, chosen), document["cells"]!.AsArray().Select(c => c!["order"]).OfType<JsonNode>().Select(o => (int)o).Order());
        Assert.Equal(Candidates - chosen, document["cells"]!.AsArray().Count(c => c!["order"] is null));

        var plot = await _cli.RunAsync("plot", Name, "--figure", "budget", "--per-series", "--out", "budget.png");

        Assert.True(plot.ExitCode == 0, plot.Stdout + plot.Stderr);
        Assert.Contains($"{Name}: {chosen} finished cells", plot.Stdout, StringComparison.Ordinal);
        DrawnImage.Assert(_cli.Path("budget.png"), 1400, 900);
    }
}
