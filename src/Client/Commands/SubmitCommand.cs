using System.CommandLine;
using Orchestrator.Client.Connection;

namespace Orchestrator.Client.Commands;

/// <summary>
/// <c>orchestrator submit SPEC</c>: stores and starts a sweep and returns at once with its id. On a cluster the silos
/// carry it on; in the embedded default the process that hosts the data folder (<c>run</c>, <c>serve</c>) runs it.
/// When no process hosts the folder, submit opens it only to store the sweep (it dispatches nothing) and says that
/// the sweep runs when a command that hosts the folder starts.
/// </summary>
public static class SubmitCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("SPEC") { Description = "Sweep spec (YAML)" };
        var replace = new Option<bool>("--new") { Description = "Start afresh when a sweep of this name exists with a different spec" };
        var command = new Command("submit", "Submit a sweep and return at once with its id") { spec, replace };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = SpecFiles.Load(parse, parse.GetRequiredValue(spec));
            // No dispatch from a silo opened just for the submission: cells it started would be cut off when it exits.
            await using var connection = await ClusterConnection.OpenAsync(CommonOptions.Connection(parse), dispatch: false, cancellationToken);
            var outcome = await new SweepSession(connection.Client, loaded.Name).SubmitAsync(loaded, parse.GetValue(replace));
            Console.WriteLine(loaded.Name);
            SayWhenUnhosted(connection, outcome.Status, "the sweep is stored and runs");
            return ExitCodes.Ok;
        });
        return command.WithExamples(
            "orchestrator submit examples/paper-scale.yaml",
            "ORCHESTRATOR_DB='Host=db;Username=orchestrator;Password=...' orchestrator submit examples/paper-scale.yaml");
    }

    /// <summary>
    /// When this process opened the folder only to store the submission, says on stderr that what it stored (e.g.
    /// "the sweep is stored and runs") waits for a process that hosts the folder.
    /// </summary>
    internal static void SayWhenUnhosted(ClusterConnection connection, Grains.SweepStatus status, string stored)
    {
        if (connection.HostsSilo && !status.IsFinished)
        {
            Console.Error.WriteLine(
                $"No silo is hosting this folder: {stored} when `orchestrator run`, " +
                "`orchestrator serve` or `orchestrator status --watch` hosts the folder.");
        }
    }
}
