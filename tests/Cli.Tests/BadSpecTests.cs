using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>Every kind of bad spec is refused with its field path and exit code 2, and nothing is stored.</summary>
public sealed class BadSpecTests
{
    private const string Valid = """
        name: bad-spec
        experiment: random-features
        grid:
          optimizer: [gd, natural-gradient]
          spectrum: [1.0, 1.5]
          size: [32, 64, 128]
          seed: [0, 1]
        settings:
          latent_dim: 256
          steps: 20
          lr: auto
          data: population
        """;

    public static TheoryData<string, string, string> Cases => new()
    {
        { "malformed YAML", "grid: [unclosed", "(yaml)" },
        { "unknown key", Valid.Replace("  data: population", "  data: population\n  colour: blue"), "settings.colour" },
        { "unknown optimizer", Valid.Replace("[gd, natural-gradient]", "[gd, sgdx]"), "grid.optimizer[1]" },
        { "unknown experiment", Valid.Replace("experiment: random-features", "experiment: transformers"), "experiment" },
        { "missing required field", Valid.Replace("  steps: 20\n", ""), "settings.steps" },
        { "empty axis", Valid.Replace("seed: [0, 1]", "seed: []"), "grid.seed" },
        { "duplicated axis value", Valid.Replace("size: [32, 64, 128]", "size: [32, 64, 32]"), "grid.size[2]" },
        { "negative size", Valid.Replace("size: [32, 64, 128]", "size: [32, 64, -64]"), "grid.size[2]" },
        { "zero steps", Valid.Replace("steps: 20", "steps: 0"), "settings.steps" },
        { "size above latent_dim", Valid.Replace("size: [32, 64, 128]", "size: [32, 64, 512]"), "grid.size[2]" },
        { "non-numeric number", Valid.Replace("steps: 20", "steps: abc"), "settings.steps" },
        { "grid above the cell limit", Valid.Replace("seed: [0, 1]", "seed: [" + string.Join(", ", Enumerable.Range(0, 9000)) + "]"), "grid" },
        { "lr auto with adam", Valid.Replace("[gd, natural-gradient]", "[gd, adam]"), "adam" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ValidateRefusesWithFieldPathAndExitCode2(string label, string yaml, string expectedPath)
    {
        var cli = new CliProcess();
        var spec = cli.WriteFile("spec.yaml", yaml);

        var result = await cli.RunAsync("validate", spec);

        Assert.True(result.ExitCode == 2, $"{label}: exit {result.ExitCode}\n{result.Stdout}{result.Stderr}");
        Assert.Contains(expectedPath, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunWithBadSpecStoresNothing()
    {
        var cli = new CliProcess();
        var spec = cli.WriteFile("spec.yaml", Valid.Replace("size: [32, 64, 128]", "size: [32, 64, -64]"));

        var result = await cli.RunAsync("run", spec, "--data", "state");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("grid.size[2]", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(cli.Path("state")), "a refused spec must not create the data folder");
    }

    [Fact]
    public async Task ValidSpecValidates()
    {
        var cli = new CliProcess();
        var result = await cli.RunAsync("validate", cli.WriteFile("spec.yaml", Valid));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("24 cells", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFlagIsBadInput()
    {
        var result = await new CliProcess().RunAsync("status", "x", "--frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--frobnicate", result.Stderr, StringComparison.Ordinal);
    }
}
