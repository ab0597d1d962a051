using System.Text.Json.Nodes;
using Orchestrator.Client.Plotting;
using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Cli.Tests;

/// <summary>The budget figure's data: a sweep's results replayed in their stored order, cost and interval widths after each cell.</summary>
public sealed class BudgetCurveTests
{
    /// <summary>
    /// Two series (gd and natural-gradient at s = 1) at sizes 16–128 with two seeds, listed in grid order but stored in
    /// another (<c>order</c>); one cell failed, one is not finished. The cell stored k-th costs k + 1 seconds.
    /// </summary>
    private static JsonObject Document(bool withOrder = true)
    {
        var cells = new JsonArray();
        var grid = (from optimizer in new[] { "gd", "natural-gradient" }
                    from size in new[] { 16, 32, 64, 128 }
                    from seed in new[] { 0, 1 }
                    select (optimizer, size, seed)).ToList();
        // A fixed shuffle of the stored order: every fifth position, wrapping (16 and 5 share no factor).
        for (var i = 0; i < grid.Count; i++)
        {
            var (optimizer, size, seed) = grid[i];
            var order = i * 5 % grid.Count;
            var alpha = optimizer == "gd" ? 0.3 : 0.7;
            var failed = order == 6;
            var unfinished = i == grid.Count - 1;
            cells.Add(new JsonObject
            {
                ["optimizer"] = optimizer,
                ["spectrum"] = 1.0,
                ["size"] = size,
                ["seed"] = seed,
                ["lr"] = "auto",
                ["status"] = unfinished ? "pending" : failed ? "failed" : "succeeded",
                ["final_loss"] = unfinished || failed ? null : 2 * Math.Pow(size, -alpha) * (1 + 0.03 * Math.Sin(7 * i + seed)),
                ["seconds"] = unfinished ? null : order + 1.0,
                ["order"] = withOrder && !unfinished ? order : null,
            });
        }

        return new JsonObject
        {
            ["sweep"] = "budget",
            ["design"] = new JsonObject { ["target_width"] = 0.05 },
            ["cells"] = cells,
        };
    }

    [Fact]
    public void After_each_stored_cell_the_cost_so_far_and_every_series_width_from_the_cells_before_it()
    {
        var document = Document();
        var curve = BudgetCurve.FromResults(document);

        var stored = document["cells"]!.AsArray().Select(c => c!.AsObject()).Where(c => c["order"] is not null)
            .OrderBy(c => (int)c["order"]!).ToList();
        Assert.Equal("budget", curve.Sweep);
        Assert.Equal(["gd s=1", "natural-gradient s=1"], curve.Series);
        Assert.Equal(0.05, curve.Target);
        Assert.Equal(15, curve.Points.Count);
        for (var k = 0; k < stored.Count; k++)
        {
            // The failed cell's seconds count too.
            Assert.Equal(stored.Take(k + 1).Sum(c => (double)c["seconds"]!), curve.Points[k].CoreSeconds);
            var before = stored.Take(k + 1).Where(c => (string)c["status"]! == "succeeded")
                .Select(c => new Observation((string)c["optimizer"]!, 1.0, (int)c["size"]!, (int)c["seed"]!, (double)c["final_loss"]!, false))
                .ToList();
            double? Width(string optimizer) => ScalingLawAnalysis.PowerLawAlphaInterval(optimizer, 1.0, before, BudgetCurve.ConfidenceLevel)?.Width;
            Assert.Equal([Width("gd"), Width("natural-gradient")], curve.Points[k].Widths);
            var both = Width("gd") is { } gd && Width("natural-gradient") is { } ng ? Math.Max(gd, ng) : (double?)null;
            Assert.Equal(both, curve.Points[k].Widest);
        }

        // The widest is known only once both series can be fitted, and it narrows as cells come.
        Assert.Null(curve.Points[0].Widest);
        Assert.NotNull(curve.Points[^1].Widest);
    }

    [Fact]
    public void A_results_file_without_the_stored_order_is_refused_with_the_reason()
    {
        var error = Assert.Throws<FormatException>(() => BudgetCurve.FromResults(Document(withOrder: false)));

        Assert.Contains("'order'", error.Message, StringComparison.Ordinal);
    }
}
