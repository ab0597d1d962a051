using System.CommandLine;
using System.CommandLine.Parsing;
using Orchestrator.Client.Commands;
using Orchestrator.Client.Connection;
using Orchestrator.Hosting.Storage;

namespace Orchestrator.Client;

/// <summary>Runs a parsed command line and maps every kind of bad input to a clear message and exit code 2.</summary>
public static class CommandLine
{
    /// <summary>A parse error, prefixed with the option it concerns when the parser's message does not name it.</summary>
    private static string Describe(ParseError error)
    {
        var option = error.SymbolResult switch
        {
            OptionResult o => o.Option.Name,
            ArgumentResult { Parent: OptionResult o } => o.Option.Name,
            _ => null,
        };
        return option is null || error.Message.Contains(option, StringComparison.Ordinal) ? error.Message : $"{option}: {error.Message}";
    }

    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !CommandExamples.IsHelp(parse))
        {
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine($"error: {Describe(error)}");
            }

            Console.Error.WriteLine("Run 'orchestrator --help' for usage.");
            return ExitCodes.BadInput;
        }

        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, interrupt.Token);
        }
        catch (SpecRejectedException rejected)
        {
            foreach (var error in rejected.Errors)
            {
                Console.Error.WriteLine($"{rejected.SpecPath}: {error}");
            }

            return ExitCodes.BadInput;
        }
        catch (UsageException usage)
        {
            Console.Error.WriteLine($"error: {usage.Message}");
            return ExitCodes.BadInput;
        }
        catch (StorageSettingsException storage)
        {
            // A data folder held by a process that serves no gateway, or `db init` without a database.
            Console.Error.WriteLine($"error: {storage.Message}");
            return ExitCodes.BadInput;
        }
        catch (ClusterUnavailableException unavailable)
        {
            Console.Error.WriteLine($"error: {unavailable.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            Console.Error.WriteLine("\nInterrupted. Run the same command again to resume; finished cells are kept.");
            return 130;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
