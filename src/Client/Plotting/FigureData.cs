using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Client.Plotting;

/// <summary>
/// What the figures draw, read from a results document (<c>orchestrator results --format json</c> or a
/// <c>results.json</c>): the final loss of every finished cell and the fits of every series. Optimizers keep the
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
        return new FigureData(Text(document["sweep"]), optimizers, spectra, points, fits);
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
