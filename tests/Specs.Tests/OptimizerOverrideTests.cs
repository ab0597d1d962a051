using Orchestrator.Specs.Experiments.RandomFeatures;
namespace Orchestrator.Specs.Tests;

/// <summary>The <c>optimizers</c> section replaces fixed settings for one optimizer's cells.</summary>
public sealed class OptimizerOverrideTests
{
    private static readonly string WithAdam =
        Quickstart.With("optimizer: [gd, natural-gradient]", "optimizer: [gd, natural-gradient, adam]")
        + "\noptimizers:\n  adam:\n    lr: 0.01\n    beta2: 0.99\n";

    [Fact]
    public void Overrides_apply_only_to_their_optimizer()
    {
        var spec = Quickstart.Parse(WithAdam);

        var cells = spec.ExpandCells().ToList();
        Assert.Equal(60, cells.Count);
        Assert.All(cells.Where(c => c.Optimizer == "adam"), c =>
        {
            Assert.Equal(0.01, c.LearningRate);
            Assert.Equal(0.99, RandomFeaturesExperiment.ToRun(c).OptimizerSettings.Beta2);
        });
        Assert.All(cells.Where(c => c.Optimizer != "adam"), c =>
        {
            Assert.Null(c.LearningRate);
            Assert.Equal(0.999, RandomFeaturesExperiment.ToRun(c).OptimizerSettings.Beta2);
        });
    }

    [Fact]
    public void Overrides_are_part_of_the_fingerprint_and_round_trip()
    {
        var spec = Quickstart.Parse(WithAdam);

        Assert.Contains("\"optimizers\":{\"adam\":{\"beta2\":0.99,\"lr\":0.01}}", spec.CanonicalJson);
        var back = SweepSpec.FromCanonicalJson(spec.CanonicalJson);
        Assert.Equal(spec.Fingerprint, back.Fingerprint);
        Assert.Equal(spec.ExpandCells().Select(c => c.Id), back.ExpandCells().Select(c => c.Id));
    }

    [Fact]
    public void An_override_equal_to_the_fixed_value_leaves_cell_ids_unchanged()
    {
        var redundant = Quickstart.Yaml + "\noptimizers:\n  gd:\n    steps: 200\n";

        Assert.Equal(Quickstart.Parse().ExpandCells().Select(c => c.Id),
            Quickstart.Parse(redundant).ExpandCells().Select(c => c.Id));
    }

    [Fact]
    public void An_override_of_steps_makes_steps_vary()
    {
        var spec = Quickstart.Parse(Quickstart.Yaml + "\noptimizers:\n  natural-gradient:\n    steps: 50\n");

        Assert.False(spec.StepsAreFixed);
        Assert.Equal(200, spec.Steps);
        Assert.All(spec.ExpandCells(), c => Assert.Equal(c.Optimizer == "gd" ? 200 : 50, c.Steps));
    }

    [Fact]
    public void An_optimizer_not_in_the_grid_is_refused() => Assert.Equal(
        ["optimizers.momentum: optimizer 'momentum' is not in grid.optimizer (gd, natural-gradient)"],
        Quickstart.Errors(Quickstart.Yaml + "\noptimizers:\n  momentum:\n    lr: 0.1\n"));

    [Fact]
    public void An_unknown_optimizer_is_refused() => Assert.StartsWith(
        "optimizers.sgd: unknown optimizer 'sgd'; known: gd,",
        Assert.Single(Quickstart.Errors(Quickstart.Yaml + "\noptimizers:\n  sgd:\n    lr: 0.1\n")));

    [Fact]
    public void An_unknown_setting_is_refused() => Assert.StartsWith(
        "optimizers.gd.speed: unknown key; expected one of latent_dim,",
        Assert.Single(Quickstart.Errors(Quickstart.Yaml + "\noptimizers:\n  gd:\n    speed: 2\n")));

    [Fact]
    public void An_invalid_value_is_refused() => Assert.Equal(
        ["optimizers.gd.lr: must be in (0, 1000000], got -1 (or 'auto')"],
        Quickstart.Errors(Quickstart.Yaml + "\noptimizers:\n  gd:\n    lr: -1\n"));

    [Fact]
    public void An_axis_cannot_be_overridden() => Assert.Equal(
        ["optimizers.gd.seed: unknown key; expected one of latent_dim, steps, lr, lr_scale, data, outputs, " +
         "target_decay, momentum, beta1, beta2, epsilon, damping, gamma",
         "optimizers.gd.lr: lr is the axis grid.lr; only fixed settings can be set per optimizer"],
        Quickstart.Errors(
            Quickstart.With("  lr: auto\n", "").Replace("  seed: [0, 1]", "  seed: [0, 1]\n  lr: [0.1, 0.2]")
            + "\noptimizers:\n  gd:\n    lr: 0.5\n    seed: 3\n"));

    [Fact]
    public void An_override_gives_adam_the_number_auto_lacks()
    {
        var withoutOverride = Quickstart.With("optimizer: [gd, natural-gradient]", "optimizer: [gd, adam]");

        Assert.NotEmpty(Quickstart.Errors(withoutOverride));
        Quickstart.Parse(withoutOverride + "\noptimizers:\n  adam: {lr: 0.001}\n");
    }

    [Fact]
    public void A_size_above_an_overridden_latent_dim_is_refused() => Assert.Equal(
        ["grid.size[4]: size 512 is larger than latent_dim 256 (optimizers.gd.latent_dim); " +
         "a model cannot have more random features than input dimensions"],
        Quickstart.Errors(Quickstart.Yaml + "\noptimizers:\n  gd:\n    latent_dim: 256\n"));
}
