using System.Text.Json.Nodes;
using static Orchestrator.Client.Output.FitTables;

namespace Orchestrator.Client.Output;

/// <summary>
/// The coefficient shifts of an analysis (<c>coefficient_shifts</c>): each optimizer's A and E against the baseline's
/// at one exponent, printed after the shared-exponent table whose verdict says where they apply.
/// </summary>
public static class CoefficientShiftTable
{
    public static string Render(JsonArray rows)
    {
        var table = new TextTable("optimizer", "baseline", "s", "law", "alpha", "A ratio", "95% CI", "E shift", "95% CI", "verdict");
        foreach (var row in rows.OfType<JsonObject>())
        {
            var alpha = Format(Value(row["alpha"]), "0.0000");
            table.Add(
                Text(row["optimizer"]), Text(row["baseline"]), Format(Value(row["spectrum"]), "0.###"), Text(row["law"]),
                alpha.Length > 0 && Text(row["alpha_source"]) == "fixed" ? alpha + " (fixed)" : alpha,
                Format(Value(row["A_ratio"]), "0.000"),
                Pair(row["A_ratio_ci_low"], row["A_ratio_ci_high"], "0.000"),
                Format(Value(row["E_shift"]), "+0.####;-0.####;0"),
                Pair(row["E_shift_ci_low"], row["E_shift_ci_high"], "0.####"),
                Text(row["verdict"]));
        }

        return "Coefficient shifts at a common exponent (A ratio and E shift against the baseline, paired bootstrap)\n"
            + table
            + "The shifts are meaningful where the shared-exponent verdict is 'shared'.\n";
    }
}
