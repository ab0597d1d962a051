using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Client.Plotting;

/// <summary>
/// What the figures draw, read from a results document (<c>orchestrator results --format json</c> or a
/// <c>results.json</c>): the final loss of every finished cell and the fits of every series, and for the size × time
/// figure the cells' loss curves and the size × time fits. Optimizers keep the
/// order of the grid, so an optimizer has the same colour in every figure.
/// </summary>
public sealed record FigureData(
    string Sweep,
    IReadOnlyList<string> Optimizers,
    IReadOnlyList<double> Spectra,
    IReadOnlyList<LossPoint> Points,
    IReadOnlyList<SeriesFit> Fits)
{
    /// <summary>Reads a results document; cells without a finite, positive final loss are left out (a log axis has no room for them).</summary>
    public static FigureData FromResults(JsonObject document)
    {
        var cells = (document["cells"] as JsonArray ?? throw new FormatException("cells: missing; expected the results contract"))
            .OfType<JsonObject>().ToList();
        var optimizers = cells.Select(c => Text(c["optimizer"])).Where(o => o.Length > 0).Distinct().ToList();
        var spectra = cells.Select(c => Number(c["spectrum"])).OfType<double>().Distinct().Order().ToList();
        var points = cells
            .Where(c => Text(c["status"]) == "succeeded")
            .Select(c => (Cell: c, Loss: Number(c["final_loss"]), Spectrum: Number(c["spectrum"]), Size: Number(c["size"])))
            .Where(c => c.Loss is > 0 && double.IsFinite(c.Loss.Value) && c.Spectrum is not null && c.Size is > 0)
            .Select(c => new LossPoint(Text(c.Cell["optimizer"]), c.Spectrum!.Value, c.Size!.Value, c.Loss!.Value))
            .ToList();
        // Only fits with an exponent can be drawn.
        var fits = (document["fits"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(f => f.Deserialize<SeriesFit>())
            .Where(f => f is { Alpha: not null })
            .OfType<SeriesFit>()
            .ToList();
        var sizeTimeFits = (document["size_time_fits"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(f => f.Deserialize<SizeTimeFit>())
            .Where(f => f is { Alpha: not null, Beta: not null })
            .OfType<SizeTimeFit>()
            .ToList();
        return new FigureData(Text(document["sweep"]), optimizers, spectra, points, fits)
        {
            CurvePoints = CurvesOf(cells),
            SizeTimeFits = sizeTimeFits,
        };
    }

    /// <summary>The loss curves the size × time law is fitted on, in τ = η·t; empty for a document without curves.</summary>
    public IReadOnlyList<CurvePoint> CurvePoints { get; init; } = [];

    /// <summary>The size × time fits that have both exponents.</summary>
    public IReadOnlyList<SizeTimeFit> SizeTimeFits { get; init; } = [];

    /// <summary>
    /// The curve points of the cells the fits use (per optimizer, spectrum, size and seed, the succeeded cell with the
    /// lowest final loss, as the best-learning-rate selection picks it), at steps ≥ 1 with a finite, positive loss.
    /// </summary>
    private static List<CurvePoint> CurvesOf(List<JsonObject> cells) =>
        cells
            .Where(c => Text(c["status"]) == "succeeded" && c["curve"] is JsonObject && Number(c["final_loss"]) is not null
                && Number(c["spectrum"]) is not null && Number(c["size"]) is > 0 && Number(c["seed"]) is not null)
            .GroupBy(c => (Optimizer: Text(c["optimizer"]), Spectrum: Number(c["spectrum"]), Size: Number(c["size"]), Seed: Number(c["seed"])))
            .Select(cell => cell.MinBy(c => Number(c["final_loss"]))!)
            .SelectMany(PointsOf)
            .ToList();

    private static IEnumerable<CurvePoint> PointsOf(JsonObject cell)
    {
        var curve = (JsonObject)cell["curve"]!;
        var eta = Number(cell["learning_rate"]);
        if (eta is not > 0 || curve["steps"] is not JsonArray steps || curve["losses"] is not JsonArray losses)
        {
            yield break;
        }

        var (optimizer, spectrum, size) = (Text(cell["optimizer"]), Number(cell["spectrum"])!.Value, (int)Number(cell["size"])!.Value);
        for (var k = 0; k < Math.Min(steps.Count, losses.Count); k++)
        {
            var (step, loss) = (Number(steps[k]), Number(losses[k]));
            if (step >= 1 && loss > 0)
            {
                yield return new CurvePoint(optimizer, spectrum, size, eta.Value * step.Value, loss.Value);
            }
        }
    }

    /// <summary>The law whose fits are drawn: <c>saturating</c> (L = E + A·N^-alpha) or <c>power</c> (L = A·N^-alpha).</summary>
    public string Law { get; init; } = "saturating";

    /// <summary>
    /// The fit drawn for a series: the one of <see cref="Law"/> when it was fitted, otherwise the other law's; null
    /// when the series has neither.
    /// </summary>
    public SeriesFit? PreferredFit(string optimizer, double spectrum) =>
        Fits.Where(f => f.Optimizer == optimizer && f.Spectrum == spectrum)
            .OrderBy(f => f.Law == Law ? 0 : 1)
            .FirstOrDefault();

    internal static string Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    /// <summary>A finite number, whether the node was parsed from text or built in memory from an int or a double.</summary>
    internal static double? Number(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }

        double? value = v.TryGetValue<double>(out var d) ? d : v.TryGetValue<long>(out var l) ? l : v.TryGetValue<int>(out var i) ? i : null;
        return value is { } x && double.IsFinite(x) ? x : null;
    }
}
