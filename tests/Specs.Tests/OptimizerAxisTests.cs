using Orchestrator.Specs.Experiments.RandomFeatures;
namespace Orchestrator.Specs.Tests;

/// <summary>A list under <c>optimizers.O.X</c> is an axis of O's cells only; the other optimizers keep the fixed X.</summary>
public sealed class OptimizerAxisTests
{
    private static readonly string AdamRates =
        Quickstart.With("optimizer: [gd, natural-gradient]", "optimizer: [gd, adam, natural-gradient]")
        + "\noptimizers:\n  adam:\n    lr: [0.01, 0.1, 1]\n    beta2: 0.99\n";

    [Fact]
    public void The_axis_multiplies_only_its_optimizers_cells()
    {
        var spec = Quickstart.Parse(AdamRates);

        var cells = spec.ExpandCells().ToList();
        Assert.Equal(20 + 60 + 20, spec.CellCount);
        Assert.Equal(spec.CellCount, cells.Count);
        Assert.Equal(spec.CellCount, cells.Select(c => c.Id).Distinct().Count());
        Assert.Equal([0.01, 0.1, 1.0, 0.01, 0.1, 1.0],
            cells.Where(c => c.Optimizer == "adam").Take(6).Select(c => c.LearningRate));
        Assert.All(cells.Where(c => c.Optimizer == "adam"),
            c => Assert.Equal(0.99, RandomFeaturesExperiment.ToRun(c).OptimizerSettings.Beta2));
        Assert.All(cells.Where(c => c.Optimizer != "adam"), c => Assert.Null(c.LearningRate));
    }

    [Fact]
    public void The_other_optimizers_cells_keep_their_ids()
    {
        var withoutAdam = Quickstart.Parse().ExpandCells().Select(c => c.Id);
        var withAdam = Quickstart.Parse(AdamRates).ExpandCells().Where(c => c.Optimizer != "adam").Select(c => c.Id);

        Assert.Equal(withoutAdam, withAdam);
    }

    [Fact]
    public void An_own_axis_varies_in_key_order_with_the_grids_axes()
    {
        var spec = Quickstart.Parse(Quickstart.With("  steps: 200\n", "").Replace("  seed: [0, 1]", "  seed: [0, 1]\n  steps: [20, 10]")
            + "\noptimizers:\n  gd:\n    momentum: [0.5, 0.9]\n");

        Assert.Equal(["momentum", "steps"], spec.AxesOf("gd").Select(a => a.Name));
        Assert.Equal(["steps"], spec.AxesOf("natural-gradient").Select(a => a.Name));
        Assert.Equal(20 * 4 + 20 * 2, spec.CellCount);
        var firstFour = spec.ExpandCells().Take(4)
            .Select(c => (RandomFeaturesExperiment.ToRun(c).OptimizerSettings.Momentum, c.Steps));
        Assert.Equal([(0.5, 20), (0.5, 10), (0.9, 20), (0.9, 10)], firstFour);
    }

    [Fact]
    public void The_axis_is_written_as_a_list_and_round_trips()
    {
        var spec = Quickstart.Parse(AdamRates);

        Assert.Contains("\"optimizers\":{\"adam\":{\"beta2\":0.99,\"lr\":[0.01,0.1,1]}}", spec.CanonicalJson);
        var back = SweepSpec.FromCanonicalJson(spec.CanonicalJson);
        Assert.Equal(spec.Fingerprint, back.Fingerprint);
        Assert.Equal(spec.ExpandCells().Select(c => c.Id), back.ExpandCells().Select(c => c.Id));
    }

    [Fact]
    public void Its_values_are_checked_one_by_one() => Assert.Equal(
        ["optimizers.adam.lr[1]: must be in (0, 1000000], got -1 (or 'auto')"],
        Quickstart.Errors(AdamRates.Replace("[0.01, 0.1, 1]", "[0.01, -1]")));

    [Fact]
    public void Auto_in_it_is_refused_for_an_optimizer_without_a_fixed_preconditioner() => Assert.Equal(
        ["optimizers.adam.lr[1]: 'auto' is not defined for optimizer 'adam' (it has no fixed preconditioner); " +
         "give a number, e.g. under optimizers.adam.lr"],
        Quickstart.Errors(AdamRates.Replace("[0.01, 0.1, 1]", "[0.01, auto]")));

    [Fact]
    public void A_grid_axis_cannot_also_be_an_own_axis() => Assert.Equal(
        ["optimizers.gd.lr: lr is the axis grid.lr; only fixed settings can be set per optimizer"],
        Quickstart.Errors(Quickstart.With("  lr: auto\n", "").Replace("  seed: [0, 1]", "  seed: [0, 1]\n  lr: [0.1, 0.2]")
            + "\noptimizers:\n  gd:\n    lr: [0.5, 1]\n"));

    [Fact]
    public void An_empty_or_repeated_list_is_refused()
    {
        Assert.Equal(["optimizers.adam.lr: must not be empty"], Quickstart.Errors(AdamRates.Replace("[0.01, 0.1, 1]", "[]")));
        Assert.Single(Quickstart.Errors(AdamRates.Replace("[0.01, 0.1, 1]", "[0.1, 0.10]")), e => e.StartsWith("optimizers.adam.lr[1]:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_cell_limit_counts_each_optimizers_own_axes()
    {
        var rates = string.Join(", ", Enumerable.Range(1, 5000).Select(i => (i / 1000.0).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var error = Assert.Single(Quickstart.Errors(AdamRates.Replace("[0.01, 0.1, 1]", $"[{rates}]")));

        Assert.StartsWith("grid: expands to 100040 cells (with the per-optimizer axes under optimizers); the limit is", error);
    }

    [Fact]
    public void Values_of_a_setting_name_the_own_axis_paths()
    {
        var spec = Quickstart.Parse(AdamRates);

        Assert.Equal(["settings.lr", "optimizers.adam.lr[0]", "optimizers.adam.lr[1]", "optimizers.adam.lr[2]"],
            spec.ValuesOf("lr").Select(v => v.Path));
    }

    [Fact]
    public void A_changed_own_axis_is_shown_as_a_list()
    {
        var grown = Quickstart.Parse(AdamRates.Replace("[0.01, 0.1, 1]", "[0.01, 0.1, 1, 10]"));

        Assert.Equal(["optimizers.adam.lr: [0.01, 0.1, 1] -> [0.01, 0.1, 1, 10]"],
            SpecComparison.Differences(Quickstart.Parse(AdamRates), grown));
    }
}
