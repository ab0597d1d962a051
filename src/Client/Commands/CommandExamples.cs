using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace Orchestrator.Client.Commands;

/// <summary>Examples shown at the end of a verb's <c>--help</c>, after its options.</summary>
public static class CommandExamples
{
    private static readonly ConditionalWeakTable<Command, string[]> Examples = new();

    /// <summary>Attaches <paramref name="examples"/> (command lines, each shown on its own line) to the verb's help.</summary>
    public static Command WithExamples(this Command command, params string[] examples)
    {
        Examples.AddOrUpdate(command, examples);
        return command;
    }

    /// <summary>The examples of <paramref name="command"/>, or none.</summary>
    public static IReadOnlyList<string> Of(Command command) =>
        Examples.TryGetValue(command, out var examples) ? examples : [];

    /// <summary>Makes the help of every verb under <paramref name="root"/> end with its examples.</summary>
    public static void ShowInHelp(RootCommand root)
    {
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            if (help.Action is HelpAction action)
            {
                help.Action = new WithExamplesHelpAction(action);
            }
        }
    }

    /// <summary>True when <paramref name="parse"/> asks for help: then missing arguments are no error.</summary>
    public static bool IsHelp(ParseResult parse) => parse.Action is HelpAction or WithExamplesHelpAction;

    /// <summary>The standard help, followed by the examples of the command it is shown for.</summary>
    private sealed class WithExamplesHelpAction(HelpAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var result = standard.Invoke(parseResult);
            var examples = Of(parseResult.CommandResult.Command);
            if (examples.Count > 0)
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var example in examples)
                {
                    output.WriteLine($"  {example}");
                }

                output.WriteLine();
            }

            return result;
        }
    }
}
