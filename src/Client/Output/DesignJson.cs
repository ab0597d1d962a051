using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Grains;
using Orchestrator.Grains.Telemetry;

namespace Orchestrator.Client.Output;

/// <summary>
/// An adaptive sweep's design as JSON: its progress (<c>status --format json</c> and results.json's <c>design</c>) and
/// its decisions (<c>decisions --format json</c>). Policies, stops and reasons are written as labels
/// (<c>target-met</c>), non-finite numbers as null.
/// </summary>
public static class DesignJson
{
    /// <summary>Indented, with the explanations' α, ≤ and → written as themselves rather than escaped.</summary>
    public static readonly JsonSerializerOptions Readable = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Of(DesignProgress design) => new()
    {
        ["policy"] = DesignLabels.Policy(design.Policy),
        ["target_width"] = Number(design.TargetWidth),
        ["budget_seconds"] = Number(design.BudgetSeconds),
        ["budget_cells"] = design.BudgetCells,
        ["spent_seconds"] = Number(design.SpentSeconds),
        ["committed_seconds"] = Number(design.CommittedSeconds),
        ["cells_chosen"] = design.CellsChosen,
        ["decisions"] = design.Decisions,
        ["stop"] = Stop(design.Stop),
        ["series"] = new JsonArray([.. design.Series.Select(Of)]),
    };

    private static JsonObject Of(SeriesDesignProgress series) => new()
    {
        ["optimizer"] = series.Optimizer,
        ["spectrum"] = series.Spectrum,
        ["alpha"] = Number(series.Alpha),
        // The power law's t-interval is symmetric about α.
        ["alpha_ci_low"] = series is { Alpha: { } alpha, Width: { } width } ? Number(alpha - width / 2) : null,
        ["alpha_ci_high"] = series is { Alpha: { } a, Width: { } w } ? Number(a + w / 2) : null,
        ["width"] = Number(series.Width),
        ["meets_target"] = series.MeetsTarget,
        ["units_finished"] = series.UnitsFinished,
        ["units_queued"] = series.UnitsQueued,
    };

    /// <summary>Every decision, and whether each replays to the same choices.</summary>
    public static JsonObject Of(string sweep, IReadOnlyList<DesignLogEntry> decisions) => new()
    {
        ["sweep"] = sweep,
        ["decisions"] = new JsonArray([.. decisions.Select(Of)]),
        ["replayed"] = decisions.All(d => d.Replayed),
    };

    private static JsonObject Of(DesignLogEntry decision) => new()
    {
        ["number"] = decision.Number,
        ["known_outcomes"] = decision.KnownOutcomes,
        ["capacity"] = decision.Capacity,
        ["committed_seconds"] = Number(decision.CommittedSeconds),
        ["choices"] = new JsonArray([.. decision.Choices.Select(choice => (JsonNode)new JsonObject
        {
            ["optimizer"] = choice.Optimizer,
            ["spectrum"] = choice.Spectrum,
            ["size"] = choice.Size,
            ["seed"] = choice.Seed,
            ["reason"] = DesignLabels.Reason(choice.Reason),
            ["explanation"] = choice.Explanation,
        })]),
        ["stop"] = Stop(decision.Stop),
        ["replayed"] = decision.Replayed,
    };

    private static string? Stop(string? stop) => stop is null ? null : DesignLabels.Stop(stop) ?? stop;

    private static JsonNode? Number(double? value) =>
        value is { } v && double.IsFinite(v) ? JsonValue.Create(v) : null;
}
