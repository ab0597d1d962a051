using System.Text.Json.Nodes;
using Orchestrator.Client.Commands;
using Orchestrator.Client.Output;
using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Client.Plotting;

/// <summary>
/// What the budget figure draws of one sweep: replaying its stored results in their stored order (each cell's
/// <c>order</c> in a results document), after each finished cell the core-seconds spent (the cells' kernel
/// <c>seconds</c>, summed; a failed cell's count too) and every series' power-law α t-interval width, recomputed from
/// the cells finished so far as the fits compute it (<see cref="ScalingLawAnalysis.PowerLawAlphaInterval"/>). The
/// series are those of the whole grid (an adaptive sweep's candidates), so the widest width is known only once every
/// series can be fitted. <see cref="Target"/> is an adaptive sweep's target width, when it has one.
/// </summary>
public sealed record BudgetCurve(string Sweep, IReadOnlyList<string> Series, IReadOnlyList<BudgetPoint> Points, double? Target)
{
    /// <summary>The confidence level of the intervals, the fits' and the adaptive target's.</summary>
    public static double ConfidenceLevel { get; } = new FitOptions().ConfidenceLevel;

    /// <exception cref="FormatException">The document lacks cells, or its finished cells lack their <c>order</c>.</exception>
    public static BudgetCurve FromResults(JsonObject document)
    {
        var cells = (document["cells"] as JsonArray ?? throw new FormatException("cells: missing; expected the results contract"))
            .OfType<JsonObject>().ToList();
        var keys = cells.Select(Key).Distinct().ToList();
        var finished = cells.Where(c => FigureData.Number(c[ResultsDocument.OrderKey]) is not null)
            .OrderBy(c => FigureData.Number(c[ResultsDocument.OrderKey]))
            .ToList();
        if (finished.Count == 0 && cells.Any(c => FigureData.Number(c["seconds"]) is not null))
        {
            throw new FormatException(
                $"cells: no '{ResultsDocument.OrderKey}': the budget figure replays the results in the order they were stored, which results.json carries since this version; plot the sweep by its name");
        }

        var observations = keys.Select(_ => new List<Observation>()).ToList();
        var widths = new double?[keys.Count];
        var points = new List<BudgetPoint>(finished.Count);
        var spent = 0.0;
        foreach (var cell in finished)
        {
            if (FigureData.Number(cell["seconds"]) is { } seconds && seconds > 0)
            {
                spent += seconds;
            }

            var status = FigureData.Text(cell["status"]);
            var series = keys.IndexOf(Key(cell));
            if (CellStatusCounts.IsUsable(status) && Observation(cell, status) is { } observation)
            {
                observations[series].Add(observation);
                widths[series] = ScalingLawAnalysis.PowerLawAlphaInterval(observation.Optimizer, observation.Spectrum, observations[series], ConfidenceLevel)?.Width;
            }

            points.Add(new BudgetPoint(spent, [.. widths], widths.All(w => w is not null) ? widths.Max() : null));
        }

        var target = (document["design"] as JsonObject)?["target_width"];
        return new BudgetCurve(
            FigureData.Text(document["sweep"]),
            [.. keys.Select(k => FormattableString.Invariant($"{k.Optimizer} s={k.Spectrum:0.###}"))],
            points,
            FigureData.Number(target));
    }

    private static (string Optimizer, double Spectrum) Key(JsonObject cell) =>
        (FigureData.Text(cell["optimizer"]), FigureData.Number(cell["spectrum"]) ?? double.NaN);

    /// <summary>The cell as the fits see it (a null loss is a non-finite one); null when its axes are not numbers.</summary>
    private static Observation? Observation(JsonObject cell, string status)
    {
        if (FigureData.Number(cell["spectrum"]) is not { } spectrum || FigureData.Number(cell["size"]) is not { } size || size < 1
            || FigureData.Number(cell["seed"]) is not { } seed)
        {
            return null;
        }

        return new Observation(
            FigureData.Text(cell["optimizer"]),
            spectrum,
            (int)size,
            (int)seed,
            FigureData.Number(cell["final_loss"]) ?? double.NaN,
            status == "diverged",
            FigureData.Number(cell["lr"]));
    }
}
