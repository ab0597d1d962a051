using System.Text.Json.Nodes;

namespace Orchestrator.Client.Output;

/// <summary>
/// The cells of a results document as CSV: <see cref="Csv.CellColumns"/>, then one column per measurement name that
/// some cell has (in name order), so experiments without measurements keep exactly the standard columns.
/// </summary>
public static class CellsCsv
{
    public static string Write(JsonArray cells)
    {
        var names = cells.OfType<JsonObject>()
            .SelectMany(c => (c[ResultsDocument.MeasurementsKey] as JsonObject ?? []).Select(m => m.Key))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (names.Length == 0)
        {
            return Csv.Write(cells, Csv.CellColumns);
        }

        var rows = new JsonArray();
        foreach (var cell in cells.OfType<JsonObject>())
        {
            var row = (JsonObject)cell.DeepClone();
            var measurements = row[ResultsDocument.MeasurementsKey] as JsonObject;
            row.Remove(ResultsDocument.MeasurementsKey);
            foreach (var name in names.Where(n => !Csv.CellColumns.Contains(n)))
            {
                row[name] = measurements?[name]?.DeepClone();
            }

            rows.Add(row);
        }

        return Csv.Write(rows, [.. Csv.CellColumns, .. names.Where(n => !Csv.CellColumns.Contains(n))]);
    }
}
