using System.CommandLine;
using Orchestrator.Client.Connection;

namespace Orchestrator.Client.Commands;

/// <summary>
/// <c>orchestrator submit SPEC</c>: stores and starts a sweep and returns at once with its id. On a cluster the silos
/// carry it on; in the embedded default it goes on whenever a silo is up (<c>run</c> or <c>status --watch</c>).
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
            await using var connection = await ClusterConnection.OpenAsync(CommonOptions.Connection(parse), dispatch: true, cancellationToken);
            await new SweepSession(connection.Client, loaded.Name).SubmitAsync(loaded, parse.GetValue(replace));
            Console.WriteLine(loaded.Name);
            return ExitCodes.Ok;
        });
        return command.WithExamples(
            "orchestrator submit examples/paper-scale.yaml",
            "ORCHESTRATOR_DB='Host=db;Username=orchestrator;Password=...' orchestrator submit examples/paper-scale.yaml");
    }
}
