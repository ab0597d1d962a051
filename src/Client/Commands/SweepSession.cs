using System.Text.Json.Nodes;
using Orchestrator.Client.Output;
using Orchestrator.Grains;
using Orchestrator.Specs;

namespace Orchestrator.Client.Commands;

/// <summary>The calls the verbs share: submitting, following and collecting one sweep.</summary>
public sealed class SweepSession(IClusterClient client, string sweepId)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan TableInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The table asks the aggregator for a refit, which holds it (and the sweep's reports behind it) for as long as the
    /// fit takes: after a table that took t, the next waits at least this many times t.
    /// </summary>
    private const int TableGapPerCost = 4;

    public ISweepGrain Sweep => client.GetGrain<ISweepGrain>(sweepId);

    /// <summary>
    /// Submits the spec; a conflicting spec under the same name, or one the cluster refuses (an undeclared runner, a
    /// fault option on silos without fault injection), is bad input (exit 2) and changes nothing.
    /// </summary>
    public async Task<SubmitOutcome> SubmitAsync(SweepSpec spec, bool replace)
    {
        var outcome = await Sweep.SubmitAsync(new SweepSubmission(spec.Name, spec.CanonicalJson, spec.Fingerprint, spec.CellCount, replace));
        if (outcome.Kind == SubmitKind.Rejected)
        {
            throw new UsageException(string.Join("\n", outcome.Errors ?? []));
        }

        if (outcome.Kind == SubmitKind.Conflict)
        {
            throw new UsageException(
                $"sweep '{spec.Name}' already exists with a different spec:\n  " + string.Join("\n  ", outcome.Differences) +
                "\nRun it under another name, or pass --new to start it afresh under this one.");
        }

        return outcome;
    }

    /// <summary>The stored spec; an unknown sweep name is bad input.</summary>
    public async Task<SweepSpec> SpecAsync()
    {
        var json = await Sweep.GetSpecAsync() ?? throw new UsageException($"ID: no sweep named '{sweepId}'");
        return SweepSpec.FromCanonicalJson(json);
    }

    public async Task<SweepStatus> FollowAsync(ProgressDisplay display, CancellationToken cancellationToken)
    {
        string? table = null;
        var tableAge = System.Diagnostics.Stopwatch.StartNew();
        var tableGap = TableInterval;
        while (true)
        {
            var status = await Sweep.GetStatusAsync();
            if (status.IsFinished)
            {
                display.Update(status, final: true);
                return status;
            }

            if (display.Interactive && (table is null || tableAge.Elapsed >= tableGap))
            {
                tableAge.Restart();
                table = await AlphaTableAsync();
                tableGap = TableInterval + TableGapPerCost * tableAge.Elapsed;
                tableAge.Restart();
            }

            display.Update(status, table: table);
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>
    /// The current fits as the α table, and the rank table for experiments that fit ranks (the aggregator refits
    /// what changed first).
    /// </summary>
    private async Task<string> AlphaTableAsync()
    {
        var analysis = new JsonObject();
        ResultsDocument.AddAnalysis(analysis, await client.GetGrain<IAggregatorGrain>(sweepId).GetAnalysisAsync());
        return analysis["fits"] is JsonArray { Count: > 0 } fits
            ? "\n" + FitTables.AlphaTable(fits) + RankFitTable.Render(analysis)
            : "";
    }

    public async Task<JsonObject> ResultsAsync(SweepSpec spec)
    {
        var status = await Sweep.GetStatusAsync();
        var results = await client.GetGrain<IAggregatorGrain>(sweepId).GetResultsAsync();
        return ResultsDocument.Build(status, spec, results);
    }
}
