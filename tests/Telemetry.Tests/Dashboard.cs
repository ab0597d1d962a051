using System.Text.Json;

namespace Orchestrator.Telemetry.Tests;

/// <summary>The Grafana dashboard shipped in deploy/grafana/dashboards, as the tests read it.</summary>
public sealed class Dashboard
{
    private Dashboard(JsonDocument document) => Document = document;

    public JsonDocument Document { get; }

    public static Dashboard Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "deploy", "orchestrator.json");
        return new Dashboard(JsonDocument.Parse(File.ReadAllText(path)));
    }

    /// <summary>Every panel, including panels nested in collapsed rows.</summary>
    public IEnumerable<JsonElement> Panels() => PanelsIn(Document.RootElement);

    /// <summary>Every PromQL expression: panel targets and template variable queries.</summary>
    public IReadOnlyList<string> Expressions()
    {
        var expressions = new List<string>();
        foreach (var panel in Panels())
        {
            if (panel.TryGetProperty("targets", out var targets))
            {
                expressions.AddRange(targets.EnumerateArray().Select(t => t.GetProperty("expr").GetString()!));
            }
        }

        return expressions;
    }

    /// <summary>The metric names that template variables read their values from (label_values(metric, label)).</summary>
    public IReadOnlyList<string> VariableQueries()
    {
        var queries = new List<string>();
        if (Document.RootElement.TryGetProperty("templating", out var templating))
        {
            foreach (var variable in templating.GetProperty("list").EnumerateArray())
            {
                if (variable.TryGetProperty("query", out var query))
                {
                    queries.Add(query.ValueKind == JsonValueKind.Object ? query.GetProperty("query").GetString()! : query.GetString()!);
                }
            }
        }

        return queries;
    }

    private static IEnumerable<JsonElement> PanelsIn(JsonElement container)
    {
        if (!container.TryGetProperty("panels", out var panels))
        {
            yield break;
        }

        foreach (var panel in panels.EnumerateArray())
        {
            yield return panel;
            foreach (var nested in PanelsIn(panel))
            {
                yield return nested;
            }
        }
    }
}
