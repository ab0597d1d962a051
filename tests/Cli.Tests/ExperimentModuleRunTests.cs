using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>
/// The <c>synthetic</c> and <c>command</c> experiments end to end with <c>orchestrator run</c> on the embedded
/// default, and the refusals that need the silo: fault options without <c>--allow-fault-injection</c>, a runner the
/// silo does not declare.
/// </summary>
public sealed class ExperimentModuleRunTests
{
    private static string Example(string file) => Path.Combine(AppContext.BaseDirectory, "examples", file);

    private static JsonArray Fits(CliProcess cli) =>
        JsonNode.Parse(File.ReadAllText(cli.Path("out/results.json")))!["fits"]!.AsArray();

    private static double Alpha(JsonArray fits, string optimizer, string law) =>
        (double)fits.Single(f => (string)f!["optimizer"]! == optimizer && (string)f["law"]! == law)!["alpha"]!;

    [Fact]
    public async Task The_synthetic_example_recovers_its_declared_exponents()
    {
        var cli = new CliProcess();

        var run = await cli.RunAsync("run", Example("synthetic.yaml"), "--out", "out");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("alpha (power)", run.Stdout, StringComparison.Ordinal);
        var results = JsonNode.Parse(File.ReadAllText(cli.Path("out/results.json")))!;
        Assert.Equal("synthetic", (string)results["experiment"]!);
        Assert.Equal(60, results["cells"]!.AsArray().Count(c => (string)c!["status"]! == "succeeded"));
        Assert.InRange(Alpha(Fits(cli), "gd", "power"), 0.10, 0.14);
        Assert.InRange(Alpha(Fits(cli), "natural-gradient", "power"), 0.29, 0.33);
    }

    [Fact]
    public async Task Fault_options_are_refused_without_fault_injection_and_nothing_is_stored()
    {
        var cli = new CliProcess();
        var spec = cli.WriteFile("faulty.yaml", File.ReadAllText(Example("synthetic.yaml"))
            .Replace("name: synthetic", "name: faulty")
            .Replace("  duration: 0.05  # seconds per cell; the cell sleeps", "  duration: 0.05\n  fault: crash\n  fault_size: 64"));

        var run = await cli.RunAsync("run", spec, "--out", "out");

        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains("settings.fault: fault injection is refused", run.Stderr, StringComparison.Ordinal);
        var list = await cli.RunAsync("list", "--format", "json");
        Assert.DoesNotContain("faulty", list.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Path("out/results.json")));
    }

    [Fact]
    public async Task The_command_example_runs_the_declared_runner()
    {
        var cli = new CliProcess();

        var run = await cli.RunAsync("run", Example("command.yaml"), "--runners", Example("runners.json"), "--out", "out");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("alpha (power)", run.Stdout, StringComparison.Ordinal);
        var cells = JsonNode.Parse(File.ReadAllText(cli.Path("out/results.json")))!["cells"]!.AsArray();
        Assert.Equal(30, cells.Count);
        Assert.All(cells, c =>
        {
            Assert.Equal("succeeded", (string)c!["status"]!);
            Assert.NotNull(c["measurements"]!["train_loss"]);
        });
        // The width model's loss falls with width: a clearly positive exponent for both optimizers.
        Assert.InRange(Alpha(Fits(cli), "gd", "power"), 0.5, 3);
        Assert.InRange(Alpha(Fits(cli), "momentum", "power"), 0.5, 3);
    }

    [Fact]
    public async Task A_runner_the_silo_does_not_declare_is_refused_with_the_field()
    {
        var cli = new CliProcess();

        var run = await cli.RunAsync("run", Example("command.yaml"), "--out", "out");

        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains("settings.runner: runner 'width-model' is not declared", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_runner_that_fails_gives_failed_cells_with_the_reason()
    {
        var cli = new CliProcess();
        cli.WriteFile("broken.sh", "#!/bin/sh\necho 'starting' >&2\necho 'not json'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cli.Path("broken.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var runners = cli.WriteFile("runners.json", """
            { "Runners": { "width-model": { "Executable": "./broken.sh", "Arguments": ["{size}"], "TimeoutSeconds": 30 } } }
            """);
        var spec = cli.WriteFile("broken.yaml", File.ReadAllText(Example("command.yaml"))
            .Replace("size: [32, 64, 128, 256, 512]", "size: [32]").Replace("seed: [0, 1, 2]", "seed: [0]")
            .Replace("fit:", "retries: 0\nfit:"));

        var run = await cli.RunAsync("run", spec, "--runners", runners, "--out", "out");

        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        var cells = JsonNode.Parse(File.ReadAllText(cli.Path("out/results.json")))!["cells"]!.AsArray();
        Assert.All(cells, c =>
        {
            Assert.Equal("failed", (string)c!["status"]!);
            Assert.Contains("not a JSON object", (string)c["error"]!, StringComparison.Ordinal);
            Assert.Contains("starting", (string)c["error"]!, StringComparison.Ordinal);
        });
    }
}
