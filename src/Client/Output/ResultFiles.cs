using System.Text.Json.Nodes;

namespace Orchestrator.Client.Output;

/// <summary>Writes a results document as <c>results.json</c>, <c>cells.csv</c> and <c>fits.csv</c>.</summary>
public static class ResultFiles
{
    public static void Write(string directory, JsonObject document)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "results.json"), document.ToJsonString(ResultsDocument.Indented) + "\n");
        File.WriteAllText(Path.Combine(directory, "cells.csv"), CellsCsv.Write(document["cells"] as JsonArray ?? []));
        File.WriteAllText(Path.Combine(directory, "fits.csv"), Csv.Write(document["fits"] as JsonArray ?? [], Csv.FitColumns));
    }
}
