using System.CommandLine;
using Orchestrator.Client.Connection;
using Orchestrator.Client.Output;
using Orchestrator.Grains;

namespace Orchestrator.Client.Commands;

/// <summary>
/// <c>orchestrator run SPEC [--out DIR]</c>: submits a sweep, follows it with live progress and prints the fitted
/// exponents. Run again after an interruption, it resumes: finished cells are not run again. When this process hosts
/// the data folder's silo, it stays up after its sweep until every other sweep in the folder has finished.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("SPEC") { Description = "Sweep spec (YAML)" };
        var output = new Option<string?>("--out") { Description = "Folder to write results.json, cells.csv, fits.csv and size-time-fits.csv into" };
        var replace = new Option<bool>("--new") { Description = "Start afresh when a sweep of this name exists with a different spec" };
        var command = new Command("run", "Run a sweep and follow it to the end (embedded silo unless a cluster is configured)")
        {
            spec, output, replace,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = SpecFiles.Load(parse, parse.GetRequiredValue(spec));
            var outDirectory = parse.GetValue(output);
            await using var connection = await ClusterConnection.OpenAsync(CommonOptions.Connection(parse), dispatch: true, cancellationToken);
            var session = new SweepSession(connection.Client, loaded.Name);
            var outcome = await session.SubmitAsync(loaded, parse.GetValue(replace));
            Console.WriteLine(SweepSession.Describe(outcome, loaded.Adaptive is not null));

            var status = await session.FollowAsync(ProgressDisplay.ForConsole(), cancellationToken);
            var document = await session.ResultsAsync(loaded);
            Console.WriteLine();
            if (status.Design is { } design)
            {
                Console.WriteLine(DesignSummary.Render(status, design));
            }

            Console.Write(FitTables.Render(document));
            if (outDirectory is not null)
            {
                ResultFiles.Write(outDirectory, document);
                Console.WriteLine($"\nWrote {Path.Combine(outDirectory, "results.json")}, cells.csv, fits.csv and {ResultFiles.SizeTimeFitsFile}");
            }

            if (connection.HostsSilo)
            {
                // This process runs the folder's only silo: sweeps that others submitted to it go on until they end.
                await FolderHost.KeepHostingOthersAsync(connection.Client, loaded.Name, cancellationToken);
            }

            return status.State == SweepState.Completed ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command.WithExamples(
            "orchestrator run examples/quickstart.yaml --out out",
            "orchestrator run examples/quickstart.yaml --data ~/sweeps --slots 2",
            "orchestrator run examples/quickstart.yaml --new");
    }
}
