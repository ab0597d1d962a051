using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Grains;
using Orchestrator.Numerics.Fitting;
using Orchestrator.Numerics.SpectralRank.Fitting;
using Orchestrator.Specs;
using Orchestrator.Specs.Experiments.SpectralRank;

namespace Orchestrator.Client.Output;

/// <summary>
/// The parts of a results document that only experiments with measurements have: each cell's
/// <c>"measurements": {name: value}</c> and, for <c>ffn-spectral-rank</c>, the <c>"rank_fits"</c> array
/// (rank = A·D^β per optimizer × Zipf exponent × bucket × rank kind), fitted from the document's own cells with the
/// spec's fit settings, so a results.json always carries the fits of the cells it lists.
/// </summary>
public static class RankFitsDocument
{
    public const string MeasurementsKey = "measurements";
    public const string RankFitsKey = "rank_fits";

    /// <summary>The cell's measurements as a JSON object in name order, or null when it has none.</summary>
    public static JsonObject? Measurements(CellOutcome? outcome)
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

    /// <summary>Adds <c>rank_fits</c> to a results document of an <c>ffn-spectral-rank</c> sweep.</summary>
    public static void AddTo(JsonObject document, SweepSpec spec)
    {
        if (spec.Experiment != SpectralRankExperiment.ExperimentName)
        {
            return;
        }

        var options = new FitOptions { Baseline = spec.Fit.Baseline, BootstrapResamples = spec.Fit.Bootstrap };
        document[RankFitsKey] = JsonSerializer.SerializeToNode(
            RankScalingAnalysis.Analyze(Cells(document["cells"] as JsonArray ?? []), options));
    }

    /// <summary>
    /// Adds <c>rank_fits</c> to <paramref name="target"/> when some cell of <paramref name="cells"/> (a results
    /// document's) carries rank measurements: the offline refit of an exported results.json.
    /// </summary>
    public static void AddTo(JsonObject target, JsonArray cells, FitOptions options)
    {
        var rankCells = Cells(cells).ToList();
        if (rankCells.Any(c => c.Measurements.Keys.Any(k => k.Contains("_rank_", StringComparison.Ordinal))))
        {
            target[RankFitsKey] = JsonSerializer.SerializeToNode(RankScalingAnalysis.Analyze(rankCells, options));
        }
    }

    private static IEnumerable<RankCell> Cells(JsonArray cells)
    {
        foreach (var cell in cells.OfType<JsonObject>())
        {
            var status = cell["status"]?.GetValue<string>();
            if (status is not ("succeeded" or "diverged"))
            {
                continue;
            }

            var measurements = (cell[MeasurementsKey] as JsonObject ?? [])
                .Where(m => m.Value is JsonValue)
                .ToDictionary(m => m.Key, m => m.Value!.GetValue<double>());
            yield return new RankCell(
                cell["optimizer"]!.GetValue<string>(),
                cell["spectrum"]!.GetValue<double>(),
                cell["size"]!.GetValue<int>(),
                cell["seed"]!.GetValue<int>(),
                cell["lr"] is JsonValue lr && lr.TryGetValue<double>(out var rate) ? rate : null,
                cell["final_loss"] is JsonValue loss && loss.TryGetValue<double>(out var l) ? l : double.NaN,
                status == "diverged",
                measurements);
        }
    }
}
