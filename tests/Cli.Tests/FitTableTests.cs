using System.Text.Json.Nodes;
using Orchestrator.Client.Output;

namespace Orchestrator.Cli.Tests;

/// <summary>The holdout check in the α table and in fits.csv.</summary>
public sealed class FitTableTests
{
    private static JsonArray Fits() =>
    [
        Fit("gd", "power", error: 0.0123, inside: true, flags: []),
        Fit("gd", "saturating", error: -0.3456, inside: false, flags: ["does-not-extrapolate", "not-settled"]),
        Fit("ng", "power", error: 0.002, inside: null, flags: []),
        Fit("ng", "saturating", error: null, inside: null, flags: ["insufficient-data"]),
    ];

    private static JsonObject Fit(string optimizer, string law, double? error, bool? inside, string[] flags) => new()
    {
        ["optimizer"] = optimizer,
        ["spectrum"] = 1.0,
        ["law"] = law,
        ["alpha"] = 0.5,
        ["n_sizes"] = 5,
        ["n_cells"] = 15,
        ["flags"] = new JsonArray(flags.Select(f => (JsonNode)f).ToArray()),
        ["holdout_size"] = error is null ? null : 1024,
        ["holdout_log_error"] = error,
        ["holdout_pi_low"] = inside is null ? null : 0.01,
        ["holdout_pi_high"] = inside is null ? null : 0.02,
        ["holdout_inside"] = inside,
    };

    [Fact]
    public void The_alpha_table_shows_both_laws_holdout_errors_and_marks_one_outside()
    {
        string table = FitTables.AlphaTable(Fits());

        Assert.Contains("holdout err", table, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^gd\s.*\+0\.012 / -0\.346\*\s+5\s+15\s+does-not-extrapolate,not-settled$", table);
        Assert.Matches(@"(?m)^ng\s.*\+0\.002 / –\s+5\s+15\s+insufficient-data$", table);
        Assert.EndsWith(FitTables.HoldoutLegend, table, StringComparison.Ordinal);
    }

    [Fact]
    public void Fits_csv_carries_the_holdout_columns()
    {
        var lines = Csv.Write(Fits(), Csv.FitColumns).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.EndsWith(",flags,holdout_size,holdout_log_error,holdout_pi_low,holdout_pi_high,holdout_inside", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(",does-not-extrapolate;not-settled,1024,-0.3456,0.01,0.02,false", lines[2], StringComparison.Ordinal);
        Assert.EndsWith(",insufficient-data,,,,,", lines[4], StringComparison.Ordinal);
    }
}
