using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.Client.Output;

/// <summary>The <c>rank_fits</c> of a results document as a text table: one row per exponent × bucket × kind × optimizer.</summary>
public static class RankFitTable
{
    /// <summary>The table with a title and a leading blank line, or "" when the document has no rank fits.</summary>
    public static string Render(JsonObject document)
    {
        if (document["rank_fits"] is not JsonArray { Count: > 0 } fits)
        {
            return "";
        }

        var table = new TextTable("z", "bucket", "rank", "optimizer", "beta", "95% CI", "bootstrap CI", "A", "ratio", "95% CI", "sizes", "cells", "flags");
        foreach (var fit in fits.OfType<JsonObject>())
        {
            table.Add(
                Format(fit["spectrum"], "0.###"),
                Text(fit["bucket"]),
                Text(fit["kind"]),
                Text(fit["optimizer"]),
                Format(fit["beta"], "0.000"),
                Pair(fit["beta_ci_low"], fit["beta_ci_high"]),
                Pair(fit["beta_boot_ci_low"], fit["beta_boot_ci_high"]),
                Format(fit["A"], "G4"),
                Format(fit["beta_ratio_vs_baseline"], "0.00"),
                Pair(fit["ratio_ci_low"], fit["ratio_ci_high"], "0.00"),
                Text(fit["n_sizes"]),
                Text(fit["n_cells"]),
                string.Join(",", (fit["flags"] as JsonArray ?? []).Select(Text)));
        }

        var baseline = Text(fits[0]?["baseline"]);
        return new StringBuilder()
            .AppendLine()
            .AppendLine($"Activation-rank scaling (rank = A·D^beta; ratio = beta / beta of {baseline})")
            .Append(table)
            .ToString();
    }

    private static string Pair(JsonNode? low, JsonNode? high, string format = "0.000") =>
        low is null || high is null ? "" : $"[{Format(low, format)}, {Format(high, format)}]";

    private static string Format(JsonNode? node, string format) =>
        node is JsonValue v && v.TryGetValue<double>(out var d) ? d.ToString(format, CultureInfo.InvariantCulture) : "";

    private static string Text(JsonNode? node) => node?.ToString() ?? "";
}
