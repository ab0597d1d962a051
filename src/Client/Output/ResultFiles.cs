using System.Text.Json.Nodes;

namespace Orchestrator.Client.Output;

/// <summary>
/// Writes a results document as <c>results.json</c>, <c>cells.csv</c>, <c>fits.csv</c> and <c>size-time-fits.csv</c>
/// (one row per series whose loss curves identify the size × time law; only the header when none does).
/// </summary>
public static class ResultFiles
{
    public const string SizeTimeFitsFile = "size-time-fits.csv";

    public static void Write(string directory, JsonObject document)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "results.json"), document.ToJsonString(ResultsDocument.Indented) + "\n");
        File.WriteAllText(Path.Combine(directory, "cells.csv"), CellsCsv.Write(document["cells"] as JsonArray ?? []));
        File.WriteAllText(Path.Combine(directory, "fits.csv"), Csv.Write(document["fits"] as JsonArray ?? [], Csv.FitColumns));
        File.WriteAllText(Path.Combine(directory, SizeTimeFitsFile), Csv.Write(document["size_time_fits"] as JsonArray ?? [], Csv.SizeTimeFitColumns));
    }
}
