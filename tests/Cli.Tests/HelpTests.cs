using System.CommandLine;
using Orchestrator.Client;

namespace Orchestrator.Cli.Tests;

/// <summary>Every verb explains itself: <c>--help</c> gives its description and at least one example of its own.</summary>
public sealed class HelpTests
{
    public static TheoryData<string> Verbs()
    {
        var data = new TheoryData<string>();
        foreach (var path in Paths(OrchestratorCli.Create(), ""))
        {
            data.Add(path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task HelpHasTheDescriptionAndAnExample(string verb)
    {
        var root = OrchestratorCli.Create();
        var command = verb.Split(' ').Aggregate((Command)root, (c, name) => c.Subcommands.Single(s => s.Name == name));
        var output = new StringWriter();

        var exit = await root.Parse([.. verb.Split(' '), "--help"]).InvokeAsync(new() { Output = output }, TestContext.Current.CancellationToken);

        var help = output.ToString();
        Assert.Equal(0, exit);
        Assert.False(string.IsNullOrWhiteSpace(command.Description));
        Assert.Contains(command.Description!, help, StringComparison.Ordinal);
        Assert.Contains("Examples:", help, StringComparison.Ordinal);
        Assert.Contains($"  orchestrator {verb}", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpOfAVerbWithARequiredOptionIsNoError()
    {
        var exit = await CommandLine.InvokeAsync(OrchestratorCli.Create(), ["plot", "--help"]);

        Assert.Equal(0, exit);
    }

    private static IEnumerable<string> Paths(Command command, string prefix)
    {
        foreach (var sub in command.Subcommands)
        {
            var path = (prefix + " " + sub.Name).Trim();
            yield return path;
            foreach (var nested in Paths(sub, path))
            {
                yield return nested;
            }
        }
    }
}
