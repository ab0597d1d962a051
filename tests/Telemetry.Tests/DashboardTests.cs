using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orchestrator.Telemetry.Tests;

/// <summary>The shipped dashboard and metrics table agree with the instruments the code defines.</summary>
[Collection(MeterCollection.Name)]
public sealed class DashboardTests
{
    [Fact]
    public void Every_metric_the_dashboard_queries_is_one_the_code_or_Orleans_publishes()
    {
        var dashboard = Dashboard.Load();
        var known = InstrumentCatalog.Collect().PrometheusSeriesNames.Union(OrleansMetricNames.All).ToHashSet();

        var expressions = dashboard.Expressions();
        Assert.NotEmpty(expressions);
        foreach (var expression in expressions)
        {
            var names = PromQl.MetricNames(expression);
            Assert.NotEmpty(names);
            Assert.All(names, name => Assert.True(known.Contains(name), $"'{name}' in `{expression}` is not a published metric"));
        }

        foreach (var query in dashboard.VariableQueries())
        {
            var metric = Regex.Match(query, @"^label_values\((?<metric>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*,").Groups["metric"].Value;
            Assert.Contains(metric, known);
        }
    }

    [Fact]
    public void Every_orchestrator_instrument_has_a_panel()
    {
        var used = Dashboard.Load().Expressions().SelectMany(PromQl.MetricNames).ToHashSet();

        foreach (var instrument in InstrumentCatalog.Collect().Instruments)
        {
            Assert.True(PrometheusNaming.SeriesNames(instrument).Any(used.Contains), $"no panel shows {instrument.Name}");
        }
    }

    [Fact]
    public void The_dashboard_is_well_formed_and_every_panel_queries_the_provisioned_data_source()
    {
        var dashboard = Dashboard.Load();
        var root = dashboard.Document.RootElement;
        Assert.Equal("orchestrator", root.GetProperty("uid").GetString());

        var ids = new HashSet<int>();
        foreach (var panel in dashboard.Panels())
        {
            Assert.True(ids.Add(panel.GetProperty("id").GetInt32()), "panel ids must be unique");
            if (panel.GetProperty("type").GetString() == "row")
            {
                continue;
            }

            Assert.Equal("orchestrator-prometheus", panel.GetProperty("datasource").GetProperty("uid").GetString());
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.NotEmpty(targets);
            Assert.Equal(targets.Count, targets.Select(t => t.GetProperty("refId").GetString()).Distinct().Count());
            var grid = panel.GetProperty("gridPos");
            Assert.InRange(grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32(), 1, 24);
        }
    }

    [Fact]
    public void The_metrics_table_documents_every_instrument_with_its_type()
    {
        var table = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "deploy", "metrics.md"))
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .ToDictionary(cells => cells[1].Trim('`'), cells => cells[2]);

        foreach (var instrument in InstrumentCatalog.Collect().Instruments)
        {
            var family = PrometheusNaming.FamilyName(instrument);
            Assert.True(table.TryGetValue(family, out var type), $"{family} is not in docs/metrics.md");
            Assert.Equal(PrometheusNaming.TypeOf(instrument), type);
        }
    }

    [Theory]
    [InlineData("sum by (silo) (rate(orchestrator_cells_completed_total{sweep=~\"$sweep\"}[$__rate_interval])) * 60", "orchestrator_cells_completed_total")]
    [InlineData("histogram_quantile(0.9, sum by (le, optimizer) (rate(a_bucket[5m]))) / on(x) group_left b", "a_bucket b")]
    [InlineData("sum(x) / sum(y) > bool 1e9", "x y")]
    public void PromQl_reading_finds_metric_names_but_not_functions_labels_or_numbers(string expression, string expected)
    {
        Assert.Equal(expected.Split(' ').Order(), PromQl.MetricNames(expression).Order());
    }

    [Fact]
    public void The_shipped_json_parses_strictly()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "deploy", "orchestrator.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        Assert.Equal(JsonValueKind.Array, document.RootElement.GetProperty("panels").ValueKind);
    }
}
