namespace Orchestrator.Specs.Tests;

/// <summary>
/// The pilot cells (each series' three smallest sizes at its smallest seed) go out first, so that every series can be
/// fitted within seconds; the rest keep the experiment's order, and a grown sweep's earlier cells keep their places.
/// </summary>
public sealed class PilotCellsTests
{
    private static bool IsPilot(CellDefinition cell) => cell.Seed == 0 && cell.Size <= 128;

    [Fact]
    public void The_three_smallest_sizes_of_each_series_at_its_first_seed_come_first_and_the_rest_keep_their_order()
    {
        var spec = Quickstart.Parse();
        var module = Experiments.ExperimentRegistry.Get(spec.Experiment);
        var experimentOrder = module.DispatchOrder(spec.ExpandCells()).ToList();

        var order = SpecGrowth.DispatchOrder([spec], pilotFirst: true);

        // 2 optimizers × 2 spectra × sizes 32, 64, 128 × seed 0.
        Assert.Equal(12, order.TakeWhile(IsPilot).Count());
        Assert.All(order.Skip(12), c => Assert.False(IsPilot(c)));
        Assert.Equal(experimentOrder.Where(IsPilot).Select(c => c.Id), order.Take(12).Select(c => c.Id));
        Assert.Equal(experimentOrder.Where(c => !IsPilot(c)).Select(c => c.Id), order.Skip(12).Select(c => c.Id));
        Assert.Equal(experimentOrder.Select(c => c.Id), SpecGrowth.DispatchOrder([spec]).Select(c => c.Id));
    }

    [Fact]
    public void Every_cell_of_a_pilot_size_and_seed_is_a_pilot_cell_whatever_the_other_axes()
    {
        var spec = Quickstart.Parse(Quickstart.With("seed: [0, 1]", "seed: [3, 4]\n  lr: [0.1, 0.2]").Replace("  lr: auto\n", ""));

        var pilot = PilotCells.First(SpecGrowth.DispatchOrder([spec])).Take(24).ToList();

        Assert.All(pilot, c => Assert.True(c.Seed == 3 && c.Size <= 128, c.ToString()));
        Assert.Equal(24, pilot.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void A_grown_sweep_keeps_its_earlier_cells_in_place_and_pilots_its_new_ones()
    {
        var first = Quickstart.Parse();
        var grown = Quickstart.Parse(Quickstart.With("seed: [0, 1]", "seed: [0, 1, 2, 3]"));

        var before = SpecGrowth.DispatchOrder([first], pilotFirst: true);
        var after = SpecGrowth.DispatchOrder([first, grown], pilotFirst: true);

        Assert.Equal(before.Select(c => c.Id), after.Take(40).Select(c => c.Id));
        // The new cells' pilot: each series' three smallest sizes at its smallest new seed.
        Assert.All(after.Skip(40).Take(12), c => Assert.True(c.Seed == 2 && c.Size <= 128, c.ToString()));
        Assert.Equal(grown.ExpandCells().Select(c => c.Id).Order(), after.Select(c => c.Id).Order());
    }
}
