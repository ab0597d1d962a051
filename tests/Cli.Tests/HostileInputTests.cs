using System.Text;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>
/// Hostile spec files and cells too large to run are refused by the CLI with exit code 2 and a message, and leave
/// nothing behind: no data folder, no stored sweep.
/// </summary>
public sealed class HostileInputTests
{
    private const string Valid = """
        name: hostile
        experiment: random-features
        grid:
          optimizer: [gd]
          spectrum: [1.0]
          size: [16, 32]
          seed: [0]
        settings:
          latent_dim: 64
          steps: 5
        """;

    // N = 32768 features: the Hessian alone is 8 GiB of doubles, beyond the default per-cell limit.
    private static readonly string TooLarge = Valid.Replace("size: [16, 32]", "size: [16, 32768]")
        .Replace("latent_dim: 64", "latent_dim: 32768");

    public static TheoryData<string, byte[]> HostileFiles()
    {
        var random = new Random(20261123);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        var laughs = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
        {
            laughs.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        }

        return new TheoryData<string, byte[]>
        {
            { "random bytes", bytes },
            { "truncated", Encoding.UTF8.GetBytes(Valid[..(Valid.Length * 2 / 3)]) },
            { "billion laughs", Encoding.UTF8.GetBytes(laughs.ToString()) },
            { "deep nesting", Encoding.UTF8.GetBytes("name: " + new string('[', 5000) + new string(']', 5000)) },
            { "over a mebibyte", Encoding.UTF8.GetBytes(Valid + "\n#" + new string('x', 1 << 20)) },
        };
    }

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task Validate_refuses_a_hostile_file_with_exit_code_2_and_stores_nothing(string label, byte[] content)
    {
        var cli = new CliProcess();
        var spec = cli.Path("spec.yaml");
        await File.WriteAllBytesAsync(spec, content, TestContext.Current.CancellationToken);

        var result = await cli.RunAsync("validate", spec);

        Assert.True(result.ExitCode == 2, $"{label}: exit {result.ExitCode}\n{result.Stdout}{result.Stderr}");
        Assert.False(string.IsNullOrWhiteSpace(result.Stderr), $"{label}: no message");
        Assert.DoesNotContain("Unhandled exception", result.Stderr, StringComparison.Ordinal);
        Assert.Equal([spec], Directory.EnumerateFileSystemEntries(cli.WorkingDirectory));
    }

    [Fact]
    public async Task A_cell_over_the_memory_limit_is_refused_naming_the_cell()
    {
        var cli = new CliProcess();

        var result = await cli.RunAsync("validate", cli.WriteFile("spec.yaml", TooLarge));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("grid: cell (optimizer=gd, spectrum=1, size=32768, seed=0) needs an estimated ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("the per-cell memory limit is 8 GiB", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_memory_limit_is_set_on_the_command_line()
    {
        var cli = new CliProcess();
        var spec = cli.WriteFile("spec.yaml", TooLarge);

        var raised = await cli.RunAsync("validate", spec, "--max-cell-memory", "64GiB");
        var lowered = await cli.RunAsync("validate", cli.WriteFile("small.yaml", Valid), "--max-cell-memory", "1KiB");
        var malformed = await cli.RunAsync("validate", spec, "--max-cell-memory", "lots");

        Assert.True(raised.ExitCode == 0, raised.Stderr);
        Assert.Equal(2, lowered.ExitCode);
        Assert.Contains("the per-cell memory limit is 1 KiB", lowered.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("--max-cell-memory: must be a byte size", malformed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_submit_stores_no_sweep()
    {
        var cli = new CliProcess();

        var submit = await cli.RunAsync("submit", cli.WriteFile("spec.yaml", TooLarge), "--data", "state");
        Assert.Equal(2, submit.ExitCode);
        Assert.False(Directory.Exists(cli.Path("state")), "a refused spec must not create the data folder");

        var status = await cli.RunAsync("status", "hostile", "--data", "state");

        Assert.Equal(2, status.ExitCode);
        Assert.Contains("no sweep named 'hostile'", status.Stderr, StringComparison.Ordinal);
    }
}
