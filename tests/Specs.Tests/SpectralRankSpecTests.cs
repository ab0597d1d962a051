using Orchestrator.Numerics.SpectralRank.Data;
using Orchestrator.Specs.Experiments.SpectralRank;

namespace Orchestrator.Specs.Tests;

/// <summary>The <c>ffn-spectral-rank</c> experiment's spec: settings, defaults, its own optimizers and refusals.</summary>
public sealed class SpectralRankSpecTests
{
    private const string Yaml = """
        name: ranks
        experiment: ffn-spectral-rank
        grid:
          optimizer: [adamw, muon, sgd]
          spectrum: [1.0]
          size: [32, 64, 128]
          seed: [0, 1]
        settings:
          steps: 500
          lr: 0.002
        optimizers:
          muon:
            lr: 0.005
          sgd:
            momentum: 0.9
        """;

    private static string With(string find, string replacement)
    {
        Assert.Contains(find, Yaml);
        return Yaml.Replace(find, replacement);
    }

    [Fact]
    public void The_spec_validates_with_defaults_and_per_optimizer_settings()
    {
        var spec = Quickstart.Parse(Yaml);

        Assert.Equal("ffn-spectral-rank", spec.Experiment);
        Assert.Equal(18, spec.CellCount);
        Assert.Equal("adamw", spec.Fit.Baseline);
        var runs = spec.ExpandCells().Select(c => SpectralRankExperiment.ToRun(c)).ToList();
        Assert.All(runs, r => Assert.Equal((1024, 128, 64, 256, 1024, 20_000, 500), (r.Vocab, r.EmbedDim, r.Outputs, r.TeacherWidth, r.Batch, r.EvalTokens, r.Steps)));
        Assert.All(runs, r => Assert.Equal((FfnInput.Context, 1.0), (r.Input, r.ContextWeight)));
        Assert.All(runs.Where(r => r.Optimizer == "muon"), r => Assert.Equal(0.005, r.LearningRate));
        Assert.All(runs.Where(r => r.Optimizer != "muon"), r => Assert.Equal(0.002, r.LearningRate));
        Assert.All(runs.Where(r => r.Optimizer == "sgd"), r => Assert.Equal(0.9, r.OptimizerSettings.Momentum));
        Assert.All(runs.Where(r => r.Optimizer != "sgd"), r => Assert.Equal(0.95, r.OptimizerSettings.Momentum));
        Assert.All(runs, r => Assert.Equal((0.9, 0.95, 5, 0.01), (r.OptimizerSettings.Beta1, r.OptimizerSettings.Beta2, r.OptimizerSettings.NewtonSchulzSteps, r.OptimizerSettings.WeightDecay)));
        Assert.Equal([32, 64, 128], runs.Select(r => r.Width).Distinct());
        Assert.All(runs, r => Assert.Equal(1.0, r.Zipf));
    }

    [Fact]
    public void A_random_features_cell_is_not_a_spectral_rank_run()
    {
        var cell = Quickstart.Parse().ExpandCells().First();
        Assert.Throws<InvalidOperationException>(() => SpectralRankExperiment.ToRun(cell));
    }

    [Fact]
    public void A_learning_rate_list_is_an_axis()
    {
        var spec = Quickstart.Parse(With("  lr: 0.002\n", "").Replace("  seed: [0, 1]", "  seed: [0, 1]\n  lr: [0.001, 0.01]")
            .Replace("  muon:\n    lr: 0.005\n", ""));
        Assert.Equal(36, spec.CellCount);
        Assert.Equal([0.001, 0.01], spec.ExpandCells().Select(c => c.LearningRate!.Value).Distinct().Order());
    }

    [Theory]
    [InlineData("  lr: 0.002", "  lr: auto", "settings.lr")]
    [InlineData("    lr: 0.005", "    lr: auto", "optimizers.muon.lr")]
    public void Auto_learning_rate_is_refused_naming_its_path(string find, string replacement, string path)
    {
        var error = Assert.Single(Quickstart.Errors(With(find, replacement)));
        Assert.StartsWith($"{path}: 'auto' is not defined for experiment 'ffn-spectral-rank'", error);
    }

    [Fact]
    public void A_missing_learning_rate_is_required()
    {
        Assert.Equal(["settings.lr: required (or sweep it as the axis grid.lr)"], Quickstart.Errors(With("  lr: 0.002\n", "")));
    }

    [Fact]
    public void An_optimizer_of_another_experiment_is_refused()
    {
        Assert.Equal(
            ["grid.optimizer[1]: unknown optimizer 'natural-gradient'; known: adamw, muon, sgd"],
            Quickstart.Errors(With("[adamw, muon, sgd]", "[adamw, natural-gradient, muon, sgd]")));
    }

    [Fact]
    public void Muon_is_refused_in_random_features()
    {
        Assert.Equal(
            ["grid.optimizer[1]: unknown optimizer 'muon'; known: gd, momentum, adam, matrix-sign, natural-gradient, ng-power"],
            Quickstart.Errors(Quickstart.With("optimizer: [gd, natural-gradient]", "optimizer: [gd, muon]")));
    }

    [Fact]
    public void An_override_for_an_optimizer_of_another_experiment_is_refused()
    {
        Assert.StartsWith("optimizers.gd: unknown optimizer 'gd'; known: adamw, muon, sgd",
            Assert.Single(Quickstart.Errors(Yaml + "\n  gd:\n    lr: 0.1\n")));
    }

    [Fact]
    public void A_random_features_setting_is_an_unknown_key_here()
    {
        Assert.StartsWith("settings.latent_dim: unknown key; expected one of vocab, embed_dim,",
            Assert.Single(Quickstart.Errors(With("  steps: 500", "  steps: 500\n  latent_dim: 64"))));
    }

    [Fact]
    public void Widths_beyond_the_measurable_limit_are_refused()
    {
        Assert.Equal(
            [$"grid.size[2]: size 10000 is larger than {SpectralRankExperiment.MaxWidth}, the widest FFN this experiment measures (its covariance is D×D)"],
            Quickstart.Errors(With("[32, 64, 128]", "[32, 64, 10000]")));
    }

    [Fact]
    public void The_baseline_defaults_to_the_first_optimizer_without_adamw()
    {
        var spec = Quickstart.Parse(With("[adamw, muon, sgd]", "[sgd, muon]"));
        Assert.Equal("sgd", spec.Fit.Baseline);
    }

    [Fact]
    public void The_cell_json_round_trips_and_a_foreign_optimizer_in_it_is_refused()
    {
        var cell = Quickstart.Parse(Yaml).ExpandCells().Last();
        Assert.Equal(cell, CellDefinition.FromJson(cell.ToJson()));

        var foreign = cell.ToJson().Replace("\"optimizer\":\"sgd\"", "\"optimizer\":\"gd\"");
        Assert.Contains("unknown to experiment 'ffn-spectral-rank'",
            Assert.Throws<FormatException>(() => CellDefinition.FromJson(foreign)).Message);
    }

    [Fact]
    public void The_example_validates_with_its_cell_count()
    {
        var result = SpecParser.ParseFile(Path.Combine(AppContext.BaseDirectory, "examples", "spectral-rank.yaml"));
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(45, result.Spec!.CellCount);
        Assert.Equal(["adamw", "muon", "sgd"], result.Spec.Optimizers);
    }

    [Fact]
    public void The_ctx_example_validates_as_the_main_example_at_another_ctx()
    {
        var result = SpecParser.ParseFile(Path.Combine(AppContext.BaseDirectory, "examples", "spectral-rank-ctx.yaml"));
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(30, result.Spec!.CellCount);
        Assert.All(result.Spec.ExpandCells(), c => Assert.Equal(0.5, SpectralRankExperiment.ToRun(c).ContextWeight));
    }
}
