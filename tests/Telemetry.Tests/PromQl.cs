using System.Text.RegularExpressions;

namespace Orchestrator.Telemetry.Tests;

/// <summary>Just enough PromQL reading to list the metric names an expression selects.</summary>
public static partial class PromQl
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset",
        "inf", "nan", "Inf", "NaN",
    };

    /// <summary>
    /// Metric names selected by <paramref name="expression"/>: identifiers that are not functions (followed by '('),
    /// keywords, label names in braces or grouping clauses, durations in brackets, or string contents.
    /// </summary>
    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var text = Strings().Replace(expression, "\"\"");
        text = Braces().Replace(text, " ");
        text = Brackets().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Identifier().Matches(text))
        {
            var name = match.Groups["name"].Value;
            var isFunction = match.Groups["call"].Success;
            var isNumber = match.Index > 0 && (char.IsDigit(text[match.Index - 1]) || text[match.Index - 1] == '.');
            if (!isFunction && !isNumber && !Keywords.Contains(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>
    /// Replaces the Grafana variables the dashboard uses with values Prometheus accepts: every sweep, and rate
    /// windows of <paramref name="rateInterval"/>.
    /// </summary>
    public static string WithGrafanaVariables(string expression, string rateInterval) => expression
        .Replace("$__rate_interval", rateInterval, StringComparison.Ordinal)
        .Replace("$__interval", rateInterval, StringComparison.Ordinal)
        .Replace("$sweep", ".*", StringComparison.Ordinal);

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();
}
