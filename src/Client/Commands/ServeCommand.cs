using System.CommandLine;
using Orchestrator.Client.Connection;

namespace Orchestrator.Client.Commands;

/// <summary>
/// <c>orchestrator serve [--data DIR]</c>: hosts the embedded silo over the data folder until Ctrl-C or SIGTERM,
/// resuming the sweeps stored there and running whatever other terminals submit to the folder.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Host the data folder's embedded silo until Ctrl-C: runs its sweeps and those submitted to it");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = CommonOptions.Connection(parse);
            if (settings.Database is not null)
            {
                throw new UsageException(
                    "serve hosts the embedded default's data folder; a cluster on PostgreSQL runs standalone silos (src/Silo)");
            }

            await using var connection = await ClusterConnection.OpenAsync(settings, dispatch: true, cancellationToken);
            if (!connection.HostsSilo)
            {
                throw new UsageException(
                    $"--data: the data folder {Path.GetFullPath(settings.DataDirectory)} is already hosted by another process; " +
                    "its sweeps run there (see `orchestrator list`)");
            }

            var running = await FolderHost.UnfinishedAsync(connection.Client);
            var resumes = running.Count switch
            {
                0 => "no running sweeps",
                1 => $"1 running sweep resumes ({running[0]})",
                _ => $"{running.Count} running sweeps resume ({string.Join(", ", running)})",
            };
            Console.Error.WriteLine(
                $"Hosting the data folder {Path.GetFullPath(settings.DataDirectory)}: {resumes}. " +
                "Submit to it with `orchestrator submit SPEC --data DIR`; Ctrl-C stops the silo (sweeps resume next time).");

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connection.Stopping);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }

            var unfinished = await FolderHost.UnfinishedAsync(connection.Client);
            Console.Error.WriteLine(unfinished.Count == 0
                ? "Stopped: every sweep in this folder has finished."
                : $"Stopped: {unfinished.Count} unfinished sweep(s) ({string.Join(", ", unfinished)}) resume when the folder is hosted again.");
            return ExitCodes.Ok;
        });
        return command.WithExamples(
            "orchestrator serve",
            "orchestrator serve --data ~/sweeps --slots 4 --metrics-port 9400");
    }
}
