using System.CommandLine;
using Orchestrator.Client.Connection;
using Orchestrator.Client.Output;

namespace Orchestrator.Client.Commands;

/// <summary>
/// <c>orchestrator cancel ID [--now]</c>: stops dispatching; cells already running finish and are kept. With
/// <c>--now</c> the running cells are stopped too and end as cancelled (not failed, not retried).
/// </summary>
public static class CancelCommand
{
    public static Command Create()
    {
        var id = CommonOptions.SweepId();
        var now = new Option<bool>("--now") { Description = "Stop the running cells too; they end as cancelled, not failed, and are not retried" };
        var command = new Command("cancel", "Stop dispatching a sweep's cells; running cells finish unless --now") { id, now };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var connection = await ClusterConnection.OpenAsync(CommonOptions.Connection(parse), dispatch: false, cancellationToken);
            var session = new SweepSession(connection.Client, parse.GetRequiredValue(id));
            await session.SpecAsync();
            var status = parse.GetValue(now) ? await session.Sweep.CancelNowAsync() : await session.Sweep.CancelAsync();
            Console.WriteLine($"{status.Sweep}: {ResultsDocument.Name(status.State)} ({status.Running} cells still running)");
            return ExitCodes.Ok;
        });
        return command.WithExamples(
            "orchestrator cancel paper-scale",
            "orchestrator cancel paper-scale --now");
    }
}
