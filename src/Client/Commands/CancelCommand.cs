using System.CommandLine;
using Orchestrator.Client.Connection;
using Orchestrator.Client.Output;

namespace Orchestrator.Client.Commands;

/// <summary><c>orchestrator cancel ID</c>: stops dispatching; cells already running finish and are kept.</summary>
public static class CancelCommand
{
    public static Command Create()
    {
        var id = CommonOptions.SweepId();
        var command = new Command("cancel", "Stop dispatching a sweep's cells; running cells finish") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var connection = await ClusterConnection.OpenAsync(CommonOptions.Connection(parse), dispatch: false, cancellationToken);
            var session = new SweepSession(connection.Client, parse.GetRequiredValue(id));
            await session.SpecAsync();
            var status = await session.Sweep.CancelAsync();
            Console.WriteLine($"{status.Sweep}: {ResultsDocument.Name(status.State)} ({status.Running} cells still running)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
