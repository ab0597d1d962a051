using Orchestrator.Numerics.Design;
using Xunit;

namespace Orchestrator.Numerics.Tests.Design;

public sealed class CellCostModelTests
{
    [Fact]
    public void Learns_a_power_of_the_size_from_cells_at_several_sizes()
    {
        var cells = new[] { 64, 128, 256, 1024 }
            .SelectMany(n => new[] { (n, 3e-5 * Math.Pow(n, 1.5) * 1.1), (n, 3e-5 * Math.Pow(n, 1.5) / 1.1) })
            .ToList();

        var model = CellCostModel.Learn(cells);

        Assert.True(model.IsAbsolute);
        Assert.Equal(1.5, model.Exponent, 12);
        Assert.Equal(3e-5 * Math.Pow(4096, 1.5), model.PredictCell(4096), 9);
        Assert.Equal(8, model.CellsMeasured);
        Assert.Equal(4, model.SizesMeasured);
    }

    [Fact]
    public void One_measured_size_scales_in_proportion_to_the_size()
    {
        var model = CellCostModel.Learn([(256, 2.0), (256, 8.0)]);

        Assert.True(model.IsAbsolute);
        Assert.Equal(4.0, model.PredictCell(256), 12);
        Assert.Equal(16.0, model.PredictCell(1024), 12);
    }

    [Fact]
    public void Nothing_measured_gives_the_size_in_relative_units()
    {
        var model = CellCostModel.Learn([(256, 0.0), (512, double.NaN)]);

        Assert.False(model.IsAbsolute);
        Assert.Equal(512, model.PredictCell(512), 9);
    }

    [Fact]
    public void A_falling_cost_is_taken_as_flat()
    {
        var model = CellCostModel.Learn([(64, 4.0), (1024, 1.0)]);

        Assert.Equal(0, model.Exponent);
        Assert.Equal(2.0, model.PredictCell(4096), 12);
    }
}
