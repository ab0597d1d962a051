using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Client.Output;

/// <summary>Writes rows of a results document as RFC 4180 CSV with a header, numbers in round-trip form.</summary>
public static class Csv
{
    public static readonly string[] CellColumns =
        ["id", "optimizer", "spectrum", "size", "seed", "lr", "status", "final_loss", "learning_rate", "attempts", "silo", "seconds", "flops", "error"];

    public static readonly string[] FitColumns =
        ["optimizer", "spectrum", "law", "alpha", "alpha_ci_low", "alpha_ci_high", "E", "A", "n_sizes", "n_cells", "flags",
            "holdout_size", "holdout_log_error", "holdout_pi_low", "holdout_pi_high", "holdout_inside"];

    /// <summary>The columns of <c>size-time-fits.csv</c>: the size × time law per series, every estimate with its interval.</summary>
    public static readonly string[] SizeTimeFitColumns =
    [
        "optimizer", "spectrum", "alpha", "alpha_ci_low", "alpha_ci_high", "alpha_fixed", "beta", "beta_ci_low", "beta_ci_high",
        "beta_fixed", "E", "E_ci_low", "E_ci_high", "A", "A_ci_low", "A_ci_high", "B", "B_ci_low", "B_ci_high", "n_sizes",
        "n_cells", "n_points", "min_size", "max_size", "min_tau", "max_tau", "rms_log", "bootstrap_valid", "flags",
    ];

    public static string Write(JsonArray rows, IReadOnlyList<string> columns)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', columns));
        foreach (var row in rows.OfType<JsonObject>())
        {
            text.AppendLine(string.Join(',', columns.Select(c => Field(row[c]))));
        }

        return text.ToString();
    }

    private static string Field(JsonNode? node)
    {
        var text = node switch
        {
            null => "",
            JsonArray array => string.Join(';', array.Select(a => a?.ToString() ?? "")),
            // JSON writes numbers in shortest round-trip form already.
            JsonValue value when value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => node.GetValue<string>(),
        };
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }
}
