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
    /// Submits the spec. A spec that only adds grid values grows the sweep; a conflicting spec under the same name, one
    /// that would remove grid values (unless <paramref name="replace"/>), or one the cluster refuses (an undeclared
    /// runner, a fault option on silos without fault injection) is bad input (exit 2) and changes nothing.
    /// </summary>
    public async Task<SubmitOutcome> SubmitAsync(SweepSpec spec, bool replace)
    {
        var outcome = await Sweep.SubmitAsync(new SweepSubmission(spec.Name, spec.CanonicalJson, spec.Fingerprint, spec.CellCount, replace));
        if (outcome.Kind == SubmitKind.Rejected)
        {
            throw new UsageException(string.Join("\n", outcome.Errors ?? []));
        }

        if (outcome.Kind == SubmitKind.Shrunk)
        {
            throw new UsageException(
                $"sweep '{spec.Name}' would lose {outcome.RemovedCells} of its {outcome.Status.Total} cells: the spec lacks these grid values it has:\n  " +
                string.Join("\n  ", outcome.Differences) +
                "\nPut them back to keep its cells (a sweep only grows), run it under another name, or pass --new to start it afresh with this grid.");
        }

        if (outcome.Kind == SubmitKind.Conflict)
        {
            throw new UsageException(
                $"sweep '{spec.Name}' already exists with a different spec:\n  " + string.Join("\n  ", outcome.Differences) +
                "\nRun it under another name, or pass --new to start it afresh under this one.");
        }

        return outcome;
    }

    /// <summary>
    /// What a submission did, in one line (and the grid's changes when it grew the sweep). An adaptive sweep's grid is its
    /// candidates, of which its policy runs some: none of them is said to be "remaining".
    /// </summary>
    public static string Describe(SubmitOutcome outcome, bool adaptive = false)
    {
        var s = outcome.Status;
        var finished = s.Done + s.Failed;
        if (adaptive || s.Design is not null)
        {
            return DescribeAdaptive(outcome, finished);
        }

        return outcome.Kind switch
        {
            SubmitKind.Started => $"Started sweep '{s.Sweep}': {s.Total} cells.",
            SubmitKind.Grown =>
                $"Grew sweep '{s.Sweep}' by {outcome.AddedCells} cells to {s.Total}: {finished} already done; running the remaining {s.Total - finished}.\n  " +
                string.Join("\n  ", outcome.Differences),
            _ when s.IsFinished =>
                $"Sweep '{s.Sweep}' is {ResultsDocument.Name(s.State)} already: {finished} of {s.Total} cells done.",
            _ => $"Resuming sweep '{s.Sweep}': {finished} of {s.Total} cells already done; running the remaining {s.Total - finished}.",
        };
    }

    private static string DescribeAdaptive(SubmitOutcome outcome, int finished)
    {
        var s = outcome.Status;
        return outcome.Kind switch
        {
            SubmitKind.Started => $"Started adaptive sweep '{s.Sweep}': {s.Total} candidate cells; its policy chooses which of them run.",
            SubmitKind.Grown =>
                $"Grew adaptive sweep '{s.Sweep}' by {outcome.AddedCells} candidate cells to {s.Total}: {finished} done; its policy chooses among them.\n  " +
                string.Join("\n  ", outcome.Differences),
            _ when s.IsFinished =>
                $"Adaptive sweep '{s.Sweep}' is {ResultsDocument.Name(s.State)} already: {finished} cells done of {s.Total} candidates.",
            _ => $"Resuming adaptive sweep '{s.Sweep}': {finished} cells done; its policy chooses among the {s.Total - finished} candidates left.",
        };
    }

    /// <summary>Every decision of the sweep's design, each replayed from the outcomes it knew.</summary>
    public Task<IReadOnlyList<DesignLogEntry>> DesignLogAsync() => client.GetGrain<IAggregatorGrain>(sweepId).GetDesignLogAsync();

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
