using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Grains;
using Orchestrator.Specs;
using Orchestrator.Specs.Experiments;

namespace Orchestrator.Client.Output;

/// <summary>
/// The results contract: <c>{"sweep", "state", "experiment", "cells": [...], "fits": [...], "shifts": [...], ...}</c>.
/// Every cell of the grid appears, finished or not, with its <c>measurements</c> when its experiment has any and its
/// loss <c>curve</c> when it has one (what <c>orchestrator fit</c> needs to redo the size × time law); the
/// analysis (fits, cross-series tables, and <c>rank_fits</c> for experiments that fit ranks) comes from the aggregator
/// as it is. A finished cell's <c>order</c> is its place among the stored results (the order the fits and an adaptive
/// sweep's policy saw them in), and an adaptive sweep's document has its <c>design</c> (see <see cref="DesignJson"/>).
/// Numbers keep full precision; a non-finite number is written as null.
/// </summary>
public static class ResultsDocument
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public const string MeasurementsKey = "measurements";

    /// <summary>A finished cell's loss curve: <c>{"steps": [t...], "losses": [L...]}</c>, aligned; a non-finite loss is null.</summary>
    public const string CurveKey = "curve";

    /// <summary>A finished cell's place among the stored results, from 0.</summary>
    public const string OrderKey = "order";

    public static JsonObject Build(SweepStatus status, SweepSpec spec, SweepResults results)
    {
        var outcomes = results.Cells.ToDictionary(c => c.CellId);
        var order = results.Cells.Select((c, i) => (c.CellId, i)).ToDictionary(c => c.CellId, c => c.i);
        var cells = new JsonArray();
        foreach (var cell in spec.ExpandCells())
        {
            outcomes.TryGetValue(cell.Id, out var outcome);
            cells.Add(new JsonObject
            {
                ["id"] = cell.Id,
                ["optimizer"] = cell.Optimizer,
                ["spectrum"] = cell.Spectrum,
                ["size"] = cell.Size,
                ["seed"] = cell.Seed,
                ["lr"] = cell.LearningRate is { } lr ? Number(lr) : "auto",
                ["status"] = outcome is null ? Unfinished(status.State) : Name(outcome.Status),
                ["final_loss"] = Number(outcome?.FinalLoss),
                ["learning_rate"] = Number(outcome?.LearningRate),
                ["attempts"] = outcome?.Attempts ?? 0,
                ["attempt_outcomes"] = new JsonArray((outcome?.AttemptOutcomes ?? []).Select(o => (JsonNode?)o).ToArray()),
                ["silo"] = outcome?.Silo,
                ["seconds"] = Number(outcome?.Seconds),
                ["flops"] = Number(outcome?.FloatingPointOperations),
                ["error"] = outcome?.Error,
                [OrderKey] = order.TryGetValue(cell.Id, out var position) ? position : null,
            });
            if (Measurements(outcome) is { } measurements)
            {
                ((JsonObject)cells[^1]!)[MeasurementsKey] = measurements;
            }

            if (Curve(outcome) is { } curve)
            {
                ((JsonObject)cells[^1]!)[CurveKey] = curve;
            }
        }

        var fit = ExperimentRegistry.Get(spec.Experiment).FitOptions(spec);
        var document = new JsonObject
        {
            ["sweep"] = status.Sweep,
            ["state"] = Name(status.State),
            ["experiment"] = spec.Experiment,
            ["fingerprint"] = spec.Fingerprint,
            ["total"] = status.Total,
            ["done"] = status.Done,
            ["failed"] = status.Failed,
            ["diverged"] = status.Diverged,
            // What the fits were made with, so that `orchestrator fit` reproduces them from this file alone.
            ["fit"] = new JsonObject
            {
                ["baseline"] = fit.Baseline,
                ["bootstrap"] = fit.BootstrapResamples,
                ["steps"] = fit.Steps,
                ["fixed_alpha"] = fit.FixedAlpha,
                ["fixed_beta"] = fit.FixedBeta,
                ["huber_delta"] = fit.HuberDelta,
            },
        };
        if (status.Design is { } design)
        {
            document["design"] = DesignJson.Of(design);
        }

        document["cells"] = cells;
        AddAnalysis(document, results.Analysis);
        return document;
    }

    /// <summary>Copies the analysis's parts (<c>fits</c>, <c>shifts</c>, ...) into <paramref name="document"/>.</summary>
    public static void AddAnalysis(JsonObject document, Orchestrator.Numerics.Fitting.SweepAnalysis analysis)
    {
        foreach (var (key, value) in JsonSerializer.SerializeToNode(analysis)!.AsObject())
        {
            document[key] = value?.DeepClone();
        }
    }

    /// <summary>The cell's measurements as a JSON object in name order, or null when it has none.</summary>
    private static JsonObject? Measurements(CellOutcome? outcome)
    {
        if (outcome?.Measurements is not { Count: > 0 } measurements)
        {
            return null;
        }

        var json = new JsonObject();
        foreach (var (name, value) in measurements.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            json[name] = double.IsFinite(value) ? JsonValue.Create(value) : null;
        }

        return json;
    }

    /// <summary>The cell's loss curve as <c>{"steps", "losses"}</c>, or null when it has none.</summary>
    private static JsonObject? Curve(CellOutcome? outcome)
    {
        if (outcome?.CurveSteps is not { Length: > 0 } steps || outcome.CurveLosses is not { } losses || losses.Length != steps.Length)
        {
            return null;
        }

        return new JsonObject
        {
            ["steps"] = new JsonArray(steps.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            ["losses"] = new JsonArray(losses.Select(l => Number(l)).ToArray()),
        };
    }

    public static string Name(SweepState state) => state.ToString().ToLowerInvariant();

    /// <summary>A cell with no outcome: still to come, stopped by a cancellation, or never run.</summary>
    private static string Unfinished(SweepState sweep) => sweep switch
    {
        SweepState.Pending or SweepState.Running => "pending",
        SweepState.Cancelled => "cancelled",
        _ => "not-run",
    };

    public static string Name(CellStatus status) => status.ToString().ToLowerInvariant();

    private static JsonNode? Number(double? value) =>
        value is { } v && double.IsFinite(v) ? JsonValue.Create(v) : null;
}
