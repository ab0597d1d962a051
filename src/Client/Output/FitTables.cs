using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.Client.Output;

/// <summary>
/// Human-readable tables of an analysis (the <c>fits</c>, <c>shifts</c>, <c>shared_exponent</c>,
/// <c>coefficient_shifts</c>, <c>diagnostics</c> and <c>size_time_fits</c> of a results document): one row per
/// optimizer × spectrum in the α table and in the size × time table.
/// </summary>
public static class FitTables
{
    public static string Render(JsonObject analysis)
    {
        var text = new StringBuilder();
        text.Append(AlphaTable(analysis["fits"] as JsonArray ?? []));
        if (analysis["shifts"] is JsonArray { Count: > 0 } shifts)
        {
            text.AppendLine().Append(ShiftTable(shifts));
        }

        if (analysis["shared_exponent"] is JsonArray { Count: > 0 } shared)
        {
            text.AppendLine().Append(SharedExponentTable(shared));
        }

        if (analysis["coefficient_shifts"] is JsonArray { Count: > 0 } coefficients)
        {
            text.AppendLine().Append(CoefficientShiftTable.Render(coefficients));
        }

        if (analysis["diagnostics"] is JsonArray { Count: > 0 } diagnostics)
        {
            text.AppendLine().Append(DiagnosticTable(diagnostics));
        }

        if (analysis["size_time_fits"] is JsonArray { Count: > 0 } sizeTime)
        {
            text.AppendLine().Append(SizeTimeTable(sizeTime));
        }

        return text.Append(RankFitTable.Render(analysis)).ToString();
    }

    public static string AlphaTable(JsonArray fits)
    {
        var table = new TextTable("optimizer", "s", "alpha (power)", "95% CI", "alpha (saturating)", "95% CI", "E", "holdout err", "sizes", "cells", "flags");
        var series = fits.OfType<JsonObject>()
            .GroupBy(f => (Optimizer: Text(f["optimizer"]), Spectrum: Value(f["spectrum"])))
            .OrderBy(g => g.Key.Spectrum).ThenBy(g => g.Key.Optimizer, StringComparer.Ordinal);
        foreach (var group in series)
        {
            var power = group.FirstOrDefault(f => Text(f["law"]) == "power");
            var saturating = group.FirstOrDefault(f => Text(f["law"]) == "saturating");
            var any = power ?? saturating!;
            var flags = group.SelectMany(f => f["flags"] as JsonArray ?? []).Select(Text).Distinct();
            table.Add(
                group.Key.Optimizer,
                Format(group.Key.Spectrum, "0.###"),
                Format(Value(power?["alpha"]), "0.0000"),
                Interval(power),
                Format(Value(saturating?["alpha"]), "0.0000"),
                Interval(saturating),
                Format(Value(saturating?["E"]), "G4"),
                HoldoutErrors(power, saturating),
                Text(any["n_sizes"]),
                Text(any["n_cells"]),
                string.Join(",", flags));
        }

        var objective = fits.OfType<JsonObject>().Any(f => Text(f["objective"]) == "huber") ? ", Huber loss on log residuals" : "";
        return $"Scaling exponents (L = A·N^-alpha and L = E + A·N^-alpha{objective})\n" + table + HoldoutLegend;
    }

    /// <summary>Says what the holdout column holds, under the α table.</summary>
    public const string HoldoutLegend =
        "holdout err: ln(observed / predicted) loss at the largest size, refitted without it (power / saturating); " +
        "* outside the 95% prediction interval\n";

    /// <summary>"power / saturating" holdout log errors, "*" marking one outside its prediction interval, "–" one not checked.</summary>
    private static string HoldoutErrors(JsonObject? power, JsonObject? saturating)
    {
        string? powerError = HoldoutError(power), saturatingError = HoldoutError(saturating);
        return powerError is null && saturatingError is null ? "" : $"{powerError ?? "–"} / {saturatingError ?? "–"}";
    }

    private static string? HoldoutError(JsonObject? fit)
    {
        if (Value(fit?["holdout_log_error"]) is not { } error)
        {
            return null;
        }

        bool outside = fit!["holdout_inside"] is JsonValue inside && inside.TryGetValue<bool>(out bool isInside) && !isInside;
        return Format(error, "+0.000;-0.000") + (outside ? "*" : "");
    }

    private static string ShiftTable(JsonArray shifts)
    {
        var table = new TextTable("optimizer", "baseline", "s", "law", "alpha shift", "95% CI", "ratio", "95% CI");
        foreach (var shift in shifts.OfType<JsonObject>())
        {
            table.Add(
                Text(shift["optimizer"]), Text(shift["baseline"]), Format(Value(shift["spectrum"]), "0.###"), Text(shift["law"]),
                Format(Value(shift["alpha_shift"]), "+0.0000;-0.0000"),
                Pair(shift["shift_ci_low"], shift["shift_ci_high"]),
                Format(Value(shift["ratio"]), "0.00"),
                Pair(shift["ratio_ci_low"], shift["ratio_ci_high"], "0.00"));
        }

        return "Exponent shifts against the baseline (paired bootstrap)\n" + table;
    }

    private static string SharedExponentTable(JsonArray tests)
    {
        var table = new TextTable("s", "delta AIC", "F", "p", "verdict");
        foreach (var test in tests.OfType<JsonObject>())
        {
            table.Add(
                Format(Value(test["spectrum"]), "0.###"), Format(Value(test["delta_aic"]), "0.0"),
                Format(Value(test["f_statistic"]), "0.00"), Format(Value(test["p_value"]), "0.0000"), Text(test["verdict"]));
        }

        return "Shared exponent across optimizers (separate alpha vs one alpha)\n" + table;
    }

    private static string DiagnosticTable(JsonArray diagnostics)
    {
        var table = new TextTable("s", "N_max", "k_GD(T)", "N_max / k_GD");
        foreach (var d in diagnostics.OfType<JsonObject>())
        {
            table.Add(Format(Value(d["spectrum"]), "0.###"), Text(d["n_max"]), Format(Value(d["k_gd"]), "0.0"), Format(Value(d["ratio"]), "0.00"));
        }

        return "Spectral diagnostic (advanced optimizers pay off when N_max / k_GD >> 1)\n" + table;
    }

    private static string SizeTimeTable(JsonArray fits)
    {
        var table = new TextTable("optimizer", "s", "alpha", "95% CI", "beta", "95% CI", "E", "A", "B", "sizes", "cells", "points", "rms log", "flags");
        foreach (var fit in fits.OfType<JsonObject>())
        {
            table.Add(
                Text(fit["optimizer"]),
                Format(Value(fit["spectrum"]), "0.###"),
                Format(Value(fit["alpha"]), "0.0000"),
                Fixed(fit, "alpha") ?? Pair(fit["alpha_ci_low"], fit["alpha_ci_high"]),
                Format(Value(fit["beta"]), "0.0000"),
                Fixed(fit, "beta") ?? Pair(fit["beta_ci_low"], fit["beta_ci_high"]),
                Format(Value(fit["E"]), "G4"),
                Format(Value(fit["A"]), "G4"),
                Format(Value(fit["B"]), "G4"),
                Text(fit["n_sizes"]),
                Text(fit["n_cells"]),
                Text(fit["n_points"]),
                Format(Value(fit["rms_log"]), "0.0000"),
                string.Join(",", (fit["flags"] as JsonArray ?? []).Select(Text)));
        }

        return "Size × time law (L = E + A·N^-alpha + B·tau^-beta, tau = lr·step, over the loss curves)\n" + table;
    }

    /// <summary>"fixed" in place of the interval of an exponent the fit held, else null.</summary>
    private static string? Fixed(JsonObject fit, string exponent) =>
        fit[exponent + "_fixed"] is JsonValue v && v.TryGetValue<bool>(out var held) && held ? "fixed" : null;

    private static string Interval(JsonObject? fit) => fit is null ? "" : Fixed(fit, "alpha") ?? Pair(fit["alpha_ci_low"], fit["alpha_ci_high"]);

    internal static string Pair(JsonNode? low, JsonNode? high, string format = "0.0000") =>
        Value(low) is { } l && Value(high) is { } h ? $"[{Format(l, format)}, {Format(h, format)}]" : "";

    internal static double? Value(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    internal static string Text(JsonNode? node) => node?.ToString() ?? "";

    internal static string Format(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "";
}
