using Orchestrator.Numerics.Design;
using Xunit;

namespace Orchestrator.Numerics.Tests.Design;

public sealed class ProblemCostModelTests
{
    private static double Warm(int size) => 2e-5 * Math.Pow(size, 1.3);

    [Fact]
    public void The_build_is_what_a_problems_first_cell_costs_more_than_the_others()
    {
        // Each problem's first cell builds it: three times a warm cell's seconds.
        var cells = new[] { 64, 256, 1024 }
            .SelectMany(n => new[] { (n, 3 * Warm(n), true), (n, Warm(n), false), (n, Warm(n), false) })
            .ToList();

        var model = ProblemCostModel.Learn(cells);

        Assert.True(model.SeesBuilds);
        Assert.Equal(Warm(4096), model.PredictCell(4096), 9);
        Assert.Equal(2 * Warm(4096), model.PredictBuild(4096), 9);
    }

    [Fact]
    public void Before_any_problem_is_shared_every_cell_costs_what_the_first_cells_did()
    {
        var model = ProblemCostModel.Learn([(64, 3 * Warm(64), true), (1024, 3 * Warm(1024), true)]);

        Assert.False(model.SeesBuilds);
        Assert.Equal(3 * Warm(512), model.PredictCell(512), 9);
        Assert.Equal(0, model.PredictBuild(512));
    }

    [Fact]
    public void A_first_cell_cheaper_than_the_others_is_no_negative_build()
    {
        var model = ProblemCostModel.Learn([(64, 1.0, true), (256, 4.0, true), (64, 2.0, false), (256, 8.0, false)]);

        Assert.Equal(0, model.PredictBuild(128));
    }

    [Fact]
    public void Nothing_measured_costs_the_size_in_relative_units_and_no_build()
    {
        var model = ProblemCostModel.Learn([]);

        Assert.False(model.IsAbsolute);
        Assert.Equal(256, model.PredictCell(256), 9);
        Assert.Equal(0, model.PredictBuild(256));
    }
}
