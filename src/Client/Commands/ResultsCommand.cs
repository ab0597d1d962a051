using System.CommandLine;
using System.Text.Json.Nodes;
using Orchestrator.Client.Connection;
using Orchestrator.Client.Output;

namespace Orchestrator.Client.Commands;

/// <summary><c>orchestrator results ID [--format table|csv|json] [--out FILE]</c>: the cells and the current fits.</summary>
public static class ResultsCommand
{
    public static Command Create()
    {
        var id = CommonOptions.SweepId();
        var format = new Option<string>("--format") { Description = "table (fits), csv (cells) or json (everything)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var output = new Option<string?>("--out") { Description = "Write to this file instead of stdout" };
        var command = new Command("results", "Show a sweep's cells and fitted exponents (current fits while it runs)") { id, format, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var connection = await ClusterConnection.OpenAsync(CommonOptions.Connection(parse), dispatch: false, cancellationToken);
            var session = new SweepSession(connection.Client, parse.GetRequiredValue(id));
            var document = await session.ResultsAsync(await session.SpecAsync());
            var text = parse.GetValue(format) switch
            {
                "json" => document.ToJsonString(ResultsDocument.Indented) + "\n",
                "csv" => CellsCsv.Write(document["cells"] as JsonArray ?? []),
                _ => FitTables.Render(document),
            };
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file, text, cancellationToken);
            }
            else
            {
                Console.Write(text);
            }

            return ExitCodes.Ok;
        });
        return command.WithExamples(
            "orchestrator results quickstart",
            "orchestrator results quickstart --format csv --out cells.csv",
            "orchestrator results quickstart --format json --out results.json");
    }
}
