using System.Diagnostics.Metrics;
using System.Text;

namespace Orchestrator.Telemetry.Tests;

/// <summary>
/// The OpenTelemetry Prometheus exporter's naming rules (1.20): characters outside [a-zA-Z0-9_:] become '_', the
/// unit becomes a suffix (annotations in braces are dropped, abbreviations spelled out), counters get <c>_total</c>,
/// histograms are published as <c>_bucket</c>, <c>_sum</c> and <c>_count</c> series.
/// </summary>
public static class PrometheusNaming
{
    private static readonly Dictionary<string, string> UnitWords = new(StringComparer.Ordinal)
    {
        ["s"] = "seconds", ["ms"] = "milliseconds", ["us"] = "microseconds", ["ns"] = "nanoseconds",
        ["min"] = "minutes", ["h"] = "hours", ["d"] = "days",
        ["By"] = "bytes", ["KBy"] = "kilobytes", ["MBy"] = "megabytes", ["GBy"] = "gigabytes", ["MB"] = "megabytes",
        ["1"] = "ratio", ["%"] = "percent",
    };

    /// <summary>The metric family name Prometheus shows for <paramref name="instrument"/>.</summary>
    public static string FamilyName(Instrument instrument)
    {
        var name = Sanitize(instrument.Name);
        var unit = UnitSuffix(instrument.Unit);
        if (unit.Length > 0 && !name.EndsWith("_" + unit, StringComparison.Ordinal))
        {
            name = $"{name}_{unit}";
        }

        return IsCounter(instrument) ? $"{name}_total" : name;
    }

    /// <summary>The names of the series <paramref name="instrument"/> is published as.</summary>
    public static IReadOnlyList<string> SeriesNames(Instrument instrument)
    {
        var family = FamilyName(instrument);
        return IsHistogram(instrument) ? [$"{family}_bucket", $"{family}_sum", $"{family}_count"] : [family];
    }

    /// <summary>The Prometheus metric type of <paramref name="instrument"/>.</summary>
    public static string TypeOf(Instrument instrument) =>
        IsCounter(instrument) ? "counter" : IsHistogram(instrument) ? "histogram" : "gauge";

    private static bool IsCounter(Instrument instrument)
    {
        var type = instrument.GetType();
        return type.IsGenericType
            && (type.GetGenericTypeDefinition() == typeof(Counter<>) || type.GetGenericTypeDefinition() == typeof(ObservableCounter<>));
    }

    private static bool IsHistogram(Instrument instrument) =>
        instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == typeof(Histogram<>);

    private static string UnitSuffix(string? unit)
    {
        if (string.IsNullOrEmpty(unit))
        {
            return "";
        }

        // "{cell}" and "{flop}" are annotations: they name what is counted and add no suffix.
        var withoutAnnotations = System.Text.RegularExpressions.Regex.Replace(unit, @"\{[^}]*\}", "");
        if (withoutAnnotations.Length == 0)
        {
            return "";
        }

        var perIndex = withoutAnnotations.IndexOf('/');
        if (perIndex >= 0)
        {
            var numerator = Word(withoutAnnotations[..perIndex]);
            var denominator = Word(withoutAnnotations[(perIndex + 1)..]);
            return numerator.Length == 0 ? $"per_{denominator}" : $"{numerator}_per_{denominator}";
        }

        return Word(withoutAnnotations);
    }

    private static string Word(string unit) => UnitWords.TryGetValue(unit, out var word) ? word : Sanitize(unit);

    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c is '_' or ':';
            var next = valid ? c : '_';
            if (next == '_' && builder.Length > 0 && builder[^1] == '_')
            {
                continue;
            }

            builder.Append(next);
        }

        return builder.ToString();
    }
}
