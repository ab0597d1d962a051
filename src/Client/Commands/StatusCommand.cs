using System.Globalization;
using System.CommandLine;
using System.Text.Json.Nodes;
using Orchestrator.Client.Connection;
using Orchestrator.Client.Output;
using Orchestrator.Grains;

namespace Orchestrator.Client.Commands;

/// <summary><c>orchestrator status ID [--format table|json] [--watch]</c>.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var id = CommonOptions.SweepId();
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var watch = new Option<bool>("--watch") { Description = "Follow the sweep with live progress until it ends" };
        var command = new Command("status", "Show a sweep's progress") { id, format, watch };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var connection = await ClusterConnection.OpenAsync(CommonOptions.Connection(parse), dispatch: parse.GetValue(watch), cancellationToken);
            var session = new SweepSession(connection.Client, parse.GetRequiredValue(id));
            await session.SpecAsync();
            var status = parse.GetValue(watch)
                ? await session.FollowAsync(ProgressDisplay.ForConsole(), cancellationToken)
                : await session.Sweep.GetStatusAsync();
            Console.WriteLine(parse.GetValue(format) == "json" ? ToJson(status).ToJsonString() : Describe(status));
            return ExitCodes.Ok;
        });
        return command.WithExamples(
            "orchestrator status quickstart",
            "orchestrator status quickstart --watch",
            "orchestrator status quickstart --format json");
    }

    /// <summary>The status as JSON, with the <c>design</c> of an adaptive sweep (see <see cref="DesignJson"/>).</summary>
    public static JsonObject ToJson(SweepStatus s)
    {
        var json = Counts(s);
        if (s.Design is { } design)
        {
            json["design"] = DesignJson.Of(design);
        }

        return json;
    }

    private static JsonObject Counts(SweepStatus s) => new()
    {
        ["sweep"] = s.Sweep,
        ["state"] = ResultsDocument.Name(s.State),
        ["total"] = s.Total,
        ["pending"] = s.Pending,
        ["running"] = s.Running,
        ["done"] = s.Done,
        ["failed"] = s.Failed,
        ["diverged"] = s.Diverged,
        ["started_at"] = s.StartedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["finished_at"] = s.FinishedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// One line of counts; for an adaptive sweep, counted against the cells its policy chose (a candidate not chosen is
    /// not pending work), then where its design stands.
    /// </summary>
    public static string Describe(SweepStatus s) => s.Design is { } design
        ? DesignSummary.StatusLine(s, design) + "\n" + DesignSummary.Render(s, design).TrimEnd('\n')
        : $"{s.Sweep}: {ResultsDocument.Name(s.State)} · {s.Done + s.Failed}/{s.Total} done · {s.Running} running · {s.Pending} pending · {s.Failed} failed · {s.Diverged} diverged";
}
