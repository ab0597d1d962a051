using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Client.Connection;
using Orchestrator.Client.Output;
using Orchestrator.Grains;
using Orchestrator.Specs;

namespace Orchestrator.Client.Commands;

/// <summary>
/// <c>orchestrator list [--format table|json]</c>: every sweep the cluster (or the embedded data folder) has, with its
/// experiment, state, progress and submitted time, oldest first. An adaptive sweep's progress is counted against the
/// cells its policy chose.
/// </summary>
public static class ListCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("list", "List every sweep with its state and progress") { format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var connection = await ClusterConnection.OpenAsync(CommonOptions.Connection(parse), dispatch: false, cancellationToken);
            var sweeps = await ReadAsync(connection.Client);
            Console.Write(parse.GetValue(format) == "json" ? ToJson(sweeps).ToJsonString(ResultsDocument.Indented) + "\n" : Table(sweeps));
            return ExitCodes.Ok;
        });
        return command.WithExamples(
            "orchestrator list",
            "orchestrator list --format json",
            "ORCHESTRATOR_DB='Host=db;Username=orchestrator;Password=...' orchestrator list");
    }

    private static async Task<IReadOnlyList<(SweepEntry Entry, string Experiment, SweepStatus Status)>> ReadAsync(IClusterClient client)
    {
        var entries = await client.GetGrain<ISweepDirectoryGrain>(0).ListAsync();
        return await Task.WhenAll(entries.Select(async entry =>
        {
            var sweep = client.GetGrain<ISweepGrain>(entry.Sweep);
            var spec = await sweep.GetSpecAsync();
            var experiment = spec is null ? "" : SweepSpec.FromCanonicalJson(spec).Experiment;
            return (entry, experiment, await sweep.GetStatusAsync());
        }));
    }

    private static JsonObject ToJson(IReadOnlyList<(SweepEntry Entry, string Experiment, SweepStatus Status)> sweeps) => new()
    {
        ["sweeps"] = new JsonArray(sweeps.Select(s =>
        {
            var item = StatusCommand.ToJson(s.Status);
            item["experiment"] = s.Experiment;
            item["submitted"] = s.Entry.SubmittedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            return (JsonNode?)item;
        }).ToArray()),
    };

    private static string Table(IReadOnlyList<(SweepEntry Entry, string Experiment, SweepStatus Status)> sweeps)
    {
        if (sweeps.Count == 0)
        {
            return "No sweeps yet. Start one with `orchestrator submit SPEC` or `orchestrator run SPEC`.\n";
        }

        var table = new TextTable("sweep", "experiment", "state", "progress", "failed", "running", "submitted (UTC)");
        foreach (var (entry, experiment, s) in sweeps)
        {
            var finished = s.Done + s.Failed;
            var percent = s.Total > 0 ? 100.0 * finished / s.Total : 0;
            table.Add(
                entry.Sweep,
                experiment,
                ResultsDocument.Name(s.State),
                s.Design is { } design ? DesignSummary.Progress(s, design) : string.Create(CultureInfo.InvariantCulture, $"{finished}/{s.Total} ({percent:0}%)"),
                s.Failed.ToString(CultureInfo.InvariantCulture),
                s.Running.ToString(CultureInfo.InvariantCulture),
                entry.SubmittedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        }

        return table.ToString();
    }
}
