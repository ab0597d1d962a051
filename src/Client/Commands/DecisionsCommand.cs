using System.CommandLine;
using Orchestrator.Client.Connection;
using Orchestrator.Client.Output;

namespace Orchestrator.Client.Commands;

/// <summary>
/// <c>orchestrator decisions ID [--format table|json]</c>: every decision of an adaptive sweep's policy with its
/// reasons, each replayed from the stored outcomes it knew. Exits 1 when a decision replays to other choices, and 2
/// for a sweep without an <c>adaptive</c> section.
/// </summary>
public static class DecisionsCommand
{
    public static Command Create()
    {
        var id = CommonOptions.SweepId();
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("decisions",
            "List an adaptive sweep's decisions with their reasons, and check that each replays to the same choices")
        {
            id, format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var sweepId = parse.GetRequiredValue(id);
            await using var connection = await ClusterConnection.OpenAsync(CommonOptions.Connection(parse), dispatch: false, cancellationToken);
            var session = new SweepSession(connection.Client, sweepId);
            var spec = await session.SpecAsync();
            var status = await session.Sweep.GetStatusAsync();
            if (spec.Adaptive is null && status.Design is null)
            {
                throw new UsageException(
                    $"ID: sweep '{sweepId}' has no adaptive section: it runs its whole grid, so no policy took decisions. " +
                    "Add an `adaptive:` section to a spec to let a policy choose its cells.");
            }

            var decisions = await session.DesignLogAsync();
            Console.Write(parse.GetValue(format) == "json"
                ? DesignJson.Of(sweepId, decisions).ToJsonString(DesignJson.Readable) + "\n"
                : DesignLogText.Render(sweepId, decisions));
            return decisions.All(d => d.Replayed) ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command.WithExamples(
            "orchestrator decisions adaptive-quickstart",
            "orchestrator decisions adaptive-quickstart --format json");
    }
}
