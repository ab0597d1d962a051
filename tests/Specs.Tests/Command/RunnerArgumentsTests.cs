using Orchestrator.Specs.Experiments.Command;

namespace Orchestrator.Specs.Tests.Command;

/// <summary>Placeholders take the cell's values in invariant form; everything else in a template is literal.</summary>
public sealed class RunnerArgumentsTests
{
    private static IReadOnlyList<string> Expand(double spectrum, params string[] template) =>
        RunnerArguments.Expand(
            new RunnerDefinition("r", "x", template, null, TimeSpan.FromSeconds(1), []),
            new CommandInvocation("abc", "gd", spectrum, 64, 3,
                new Dictionary<string, string> { ["lr"] = "0.01", ["seed"] = "999", ["data.kind"] = "finite:100" }));

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(1.5, "1.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    public void The_spectrum_is_written_round_trip(double spectrum, string expected) =>
        Assert.Equal([expected], Expand(spectrum, "{spectrum}"));

    [Fact]
    public void Placeholders_fill_inside_elements_and_axes_win_over_settings() =>
        Assert.Equal(
            ["gd-64-3", "--lr=0.01", "finite:100", "3", "abc", "{not a placeholder}", "{}", "{64}", "{1x}"],
            Expand(1.0, "{optimizer}-{size}-{seed}", "--lr={lr}", "{data.kind}", "{seed}", "{cell_id}",
                "{not a placeholder}", "{}", "{{size}}", "{1x}"));

    [Fact]
    public void Placeholders_are_listed_in_order() =>
        Assert.Equal(["size", "lr", "size"], RunnerArguments.PlaceholdersIn("{size}:{lr} {size} {not one}"));

    [Fact]
    public void A_setting_smuggling_a_nul_is_refused()
    {
        var failure = Assert.Throws<CommandRunFailedException>(() => RunnerArguments.Expand(
            new RunnerDefinition("r", "x", ["--tag={tag}"], null, TimeSpan.FromSeconds(1), []),
            new CommandInvocation("abc", "gd", 1, 64, 3, new Dictionary<string, string> { ["tag"] = "a\0b" })));

        Assert.Equal(CommandFailureKind.StartFailed, failure.Kind);
        Assert.Contains("would contain a NUL character", failure.Reason);
    }
}
