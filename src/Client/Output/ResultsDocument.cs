using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Grains;
using Orchestrator.Specs;
using Orchestrator.Specs.Experiments.RandomFeatures;

namespace Orchestrator.Client.Output;

/// <summary>
/// The results contract: <c>{"sweep", "state", "cells": [...], "fits": [...], "shifts": [...], ...}</c>. Every cell of
/// the grid appears, finished or not; fits and the cross-series tables come from the aggregator as they are.
/// Numbers keep full precision; a non-finite number is written as null.
/// </summary>
public static class ResultsDocument
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject Build(SweepStatus status, SweepSpec spec, SweepResults results)
    {
        var outcomes = results.Cells.ToDictionary(c => c.CellId);
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
            });
            if (RankFitsDocument.Measurements(outcome) is { } measurements)
            {
                ((JsonObject)cells[^1]!)[RankFitsDocument.MeasurementsKey] = measurements;
            }
        }

        var document = new JsonObject
        {
            ["sweep"] = status.Sweep,
            ["state"] = Name(status.State),
            ["fingerprint"] = spec.Fingerprint,
            ["total"] = status.Total,
            ["done"] = status.Done,
            ["failed"] = status.Failed,
            ["diverged"] = status.Diverged,
            // What the fits were made with, so that `orchestrator fit` reproduces them from this file alone.
            ["fit"] = new JsonObject
            {
                ["baseline"] = spec.Fit.Baseline,
                ["bootstrap"] = spec.Fit.Bootstrap,
                ["steps"] = spec.Experiment == RandomFeaturesExperiment.ExperimentName ? spec.Steps : null,
            },
            ["cells"] = cells,
        };
        var analysis = JsonNode.Parse(results.AnalysisJson) as JsonObject ?? [];
        foreach (var (key, value) in analysis)
        {
            document[key] = value?.DeepClone();
        }

        document["fits"] ??= new JsonArray();
        document["shifts"] ??= new JsonArray();
        RankFitsDocument.AddTo(document, spec);
        return document;
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
