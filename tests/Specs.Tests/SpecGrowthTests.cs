namespace Orchestrator.Specs.Tests;

/// <summary>How a resubmitted spec relates to the stored one: identical, grown, shrunk or changed.</summary>
public sealed class SpecGrowthTests
{
    private static SweepSpec Seeds(string seeds, string extra = "") =>
        Quickstart.Parse(Quickstart.With("seed: [0, 1]", $"seed: {seeds}") + extra);

    [Fact]
    public void The_same_spec_is_identical()
    {
        var growth = SpecGrowth.Compare(Quickstart.Parse(), Quickstart.Parse());

        Assert.Equal(new SpecGrowth(GrowthKind.Identical, [], 0, 0), growth);
    }

    [Fact]
    public void One_more_seed_grows_by_one_seed_of_cells()
    {
        var growth = SpecGrowth.Compare(Quickstart.Parse(), Seeds("[0, 1, 2]"));

        Assert.Equal(GrowthKind.Grown, growth.Kind);
        Assert.Equal(["grid.seed: [0, 1] -> [0, 1, 2]"], growth.Changes);
        Assert.Equal((20, 0), (growth.AddedCells, growth.RemovedCells));
    }

    [Fact]
    public void Values_added_on_several_axes_add_every_new_combination()
    {
        var submitted = Quickstart.Parse(Quickstart.With("size: [32, 64, 128, 256, 512]", "size: [32, 64, 128, 256, 512, 1024]")
            .Replace("seed: [0, 1]", "seed: [0, 1, 2]"));

        var growth = SpecGrowth.Compare(Quickstart.Parse(), submitted);

        Assert.Equal(GrowthKind.Grown, growth.Kind);
        Assert.Equal(2 * 2 * 6 * 3 - 40, growth.AddedCells);
    }

    [Fact]
    public void A_new_optimizer_may_bring_its_own_settings()
    {
        var submitted = Quickstart.Parse(
            Quickstart.With("optimizer: [gd, natural-gradient]", "optimizer: [gd, natural-gradient, momentum]") +
            "\noptimizers:\n  momentum: {momentum: 0.5}\n");

        var growth = SpecGrowth.Compare(Quickstart.Parse(), submitted);

        Assert.Equal(GrowthKind.Grown, growth.Kind);
        Assert.Equal(20, growth.AddedCells);
    }

    [Fact]
    public void New_settings_for_an_optimizer_already_there_are_a_change()
    {
        var submitted = Quickstart.Parse(
            Quickstart.With("optimizer: [gd, natural-gradient]", "optimizer: [gd, natural-gradient, momentum]") +
            "\noptimizers:\n  gd: {steps: 100}\n");

        Assert.Equal(GrowthKind.Changed, SpecGrowth.Compare(Quickstart.Parse(), submitted).Kind);
    }

    [Theory]
    [InlineData("steps: 200", "steps: 300")]
    [InlineData("bootstrap: 1000", "bootstrap: 2000")]
    [InlineData("baseline: gd", "baseline: natural-gradient")]
    public void A_changed_setting_or_fit_field_is_a_change_even_with_new_values(string find, string replacement)
    {
        var submitted = Quickstart.Parse(Quickstart.With(find, replacement).Replace("seed: [0, 1]", "seed: [0, 1, 2]"));

        var growth = SpecGrowth.Compare(Quickstart.Parse(), submitted);

        Assert.Equal(GrowthKind.Changed, growth.Kind);
        Assert.Contains(growth.Changes, c => c.StartsWith("grid.seed", StringComparison.Ordinal));
        Assert.Equal(2, growth.Changes.Count);
    }

    [Fact]
    public void A_fixed_setting_turned_into_an_axis_is_a_change()
    {
        var submitted = Quickstart.Parse(Quickstart.With("  steps: 200\n", "").Replace("seed: [0, 1]", "seed: [0, 1]\n  steps: [200, 400]"));

        Assert.Equal(GrowthKind.Changed, SpecGrowth.Compare(Quickstart.Parse(), submitted).Kind);
    }

    [Fact]
    public void Removed_values_are_listed_per_axis_with_the_cells_that_would_go()
    {
        var stored = Seeds("[0, 1, 2, 3]");
        var submitted = Quickstart.Parse(Quickstart.With("size: [32, 64, 128, 256, 512]", "size: [32, 64, 128, 256, 512, 1024]")
            .Replace("seed: [0, 1]", "seed: [1, 3]"));

        var growth = SpecGrowth.Compare(stored, submitted);

        Assert.Equal(GrowthKind.Shrunk, growth.Kind);
        Assert.Equal(["grid.seed: 0, 2"], growth.Changes);
        // 80 stored cells, of which seeds 1 and 3 (40) stay; the added size would bring 8 more.
        Assert.Equal((40, 8), (growth.RemovedCells, growth.AddedCells));
    }

    [Fact]
    public void Reordered_values_lose_nothing_and_add_nothing()
    {
        var growth = SpecGrowth.Compare(Quickstart.Parse(), Seeds("[1, 0]"));

        Assert.Equal((GrowthKind.Grown, 0, 0), (growth.Kind, growth.AddedCells, growth.RemovedCells));
    }

    [Fact]
    public void A_grown_sweep_hands_out_its_old_cells_first_in_their_old_order()
    {
        var first = Quickstart.Parse();
        var grown = Seeds("[0, 1, 2]");
        var module = Experiments.ExperimentRegistry.Get(first.Experiment);

        var order = SpecGrowth.DispatchOrder([first, grown]);

        Assert.Equal(module.DispatchOrder(first.ExpandCells()).Select(c => c.Id), SpecGrowth.DispatchOrder([first]).Select(c => c.Id));
        Assert.Equal(module.DispatchOrder(first.ExpandCells()).Select(c => c.Id), order.Take(40).Select(c => c.Id));
        Assert.All(order.Skip(40), c => Assert.Equal(2, c.Seed));
        Assert.Equal(grown.ExpandCells().Select(c => c.Id).Order(), order.Select(c => c.Id).Order());
    }

    [Fact]
    public void A_cell_keeps_its_id_when_the_grid_grows()
    {
        var before = Quickstart.Parse().ExpandCells().Select(c => c.Id).ToHashSet();
        var after = Seeds("[0, 1, 2]").ExpandCells().Select(c => c.Id).ToHashSet();

        Assert.Subset(after, before);
        Assert.Equal(60, after.Count);
    }

    [Fact]
    public void An_adaptive_sweep_grows_like_any_other()
    {
        const string adaptive = "\nadaptive:\n  target: 0.02\n  budget: {cells: 30}\n";
        var stored = Seeds("[0, 1]", adaptive);

        var growth = SpecGrowth.Compare(stored, Seeds("[0, 1, 2, 3]", adaptive));

        Assert.Equal(GrowthKind.Grown, growth.Kind);
        Assert.Equal(["grid.seed: [0, 1] -> [0, 1, 2, 3]"], growth.Changes);
        Assert.Equal((40, 0), (growth.AddedCells, growth.RemovedCells));
    }

    [Theory]
    [InlineData("target: 0.02", "target: 0.01", new[] { "adaptive.target: 0.02 -> 0.01" })]
    [InlineData("target: 0.02", "target: 0.02\n  budget: {core_seconds: 60}", new[] { "adaptive.budget.core_seconds: (absent) -> 60" })]
    [InlineData("target: 0.02", "target: 0.02\n  policy: full-grid", new[] { "adaptive.policy: uncertainty -> full-grid" })]
    [InlineData("target: 0.02", "target: 0.02\n  explore: 0.3\n  seed: 4", new[] { "adaptive.explore: 0.2 -> 0.3", "adaptive.seed: 0 -> 4" })]
    [InlineData("budget: {cells: 30}", "target: 0.02", new[] { "adaptive.budget.cells: 30 -> (absent)", "adaptive.target: (absent) -> 0.02" })]
    public void A_changed_adaptive_section_is_a_change_even_with_new_values(string before, string after, string[] changes)
    {
        var stored = Quickstart.Parse(Quickstart.Yaml + "\nadaptive:\n  " + before);
        var submitted = Seeds("[0, 1, 2]", "\nadaptive:\n  " + after);

        var growth = SpecGrowth.Compare(stored, submitted);

        Assert.Equal(GrowthKind.Changed, growth.Kind);
        Assert.Equal(["grid.seed: [0, 1] -> [0, 1, 2]", .. changes], growth.Changes);
    }

    [Fact]
    public void Adding_or_removing_the_adaptive_section_is_a_change()
    {
        var plain = Quickstart.Parse();
        var adaptive = Quickstart.Parse(Quickstart.Yaml + "\nadaptive:\n  target: 0.02");

        var added = SpecGrowth.Compare(plain, adaptive);
        var removed = SpecGrowth.Compare(adaptive, plain);

        Assert.Equal(GrowthKind.Changed, added.Kind);
        Assert.Equal(
            [
                "adaptive.explore: (absent) -> 0.2",
                "adaptive.policy: (absent) -> uncertainty",
                "adaptive.seed: (absent) -> 0",
                "adaptive.target: (absent) -> 0.02",
            ],
            added.Changes);
        Assert.Equal(GrowthKind.Changed, removed.Kind);
        Assert.All(removed.Changes, c => Assert.EndsWith("-> (absent)", c, StringComparison.Ordinal));
    }
}
