using Orchestrator.Specs.Experiments;
using Orchestrator.Specs.Experiments.Command;

namespace Orchestrator.Specs.Tests.Command;

/// <summary>The <c>command</c> module: specs name declared runners only, and its kernel runs the runner per cell.</summary>
public sealed class CommandExperimentTests
{
    private const string Yaml = """
        name: command-test
        experiment: command
        grid:
          optimizer: [gd, momentum]
          spectrum: [1.5]
          size: [64, 256]
          seed: [0]
        settings:
          runner: width-model
          steps: 300
        """;

    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "examples", "runners", "width_model.py");

    private static ExperimentHost HostWith(params string[] arguments) => new()
    {
        Runners = new RunnerCatalog([new RunnerDefinition("width-model", PythonWithNumpy.Path, arguments, null, TimeSpan.FromSeconds(60), [])]),
    };

    private static ExperimentHost WidthModelHost => HostWith(Script, "--width", "{size}", "--spectrum", "{spectrum}",
        "--seed", "{seed}", "--optimizer", "{optimizer}", "--steps", "{steps}", "--lr", "{lr}");

    private static SweepSpec Parse(string yaml)
    {
        var result = SpecParser.Parse(yaml);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Spec!;
    }

    [Fact]
    public void A_runner_the_host_does_not_declare_is_refused_with_its_field()
    {
        var spec = Parse(Yaml);
        var module = ExperimentRegistry.Get(spec.Experiment);

        var refused = Assert.Single(module.CheckHost(spec, ExperimentHost.Default));
        Assert.Equal("settings.runner", refused.Path);
        Assert.Contains("'width-model' is not declared", refused.Message);
        Assert.Empty(module.CheckHost(spec, WidthModelHost));
    }

    [Fact]
    public void Each_runner_of_a_runner_axis_is_checked()
    {
        var spec = Parse(Yaml.Replace("  seed: [0]", "  seed: [0]\n  runner: [width-model, train-gpt]").Replace("  runner: width-model\n", ""));

        var refused = Assert.Single(ExperimentRegistry.Get(spec.Experiment).CheckHost(spec, WidthModelHost));
        Assert.Equal("grid.runner[1]", refused.Path);
        Assert.Contains("declared: width-model", refused.Message);
    }

    [Fact]
    public void A_runner_whose_template_needs_what_no_cell_has_is_refused()
    {
        var spec = Parse(Yaml);

        var refused = Assert.Single(ExperimentRegistry.Get(spec.Experiment).CheckHost(spec, HostWith(Script, "--width", "{width}")));
        Assert.Equal("settings.runner", refused.Path);
        Assert.Contains("{width}", refused.Message);
    }

    [Theory]
    [InlineData("/usr/bin/python3")]
    [InlineData("width model")]
    [InlineData("Width-Model")]
    public void A_spec_cannot_name_a_program_or_a_malformed_runner(string runner)
    {
        var result = SpecParser.Parse(Yaml.Replace("runner: width-model", $"runner: \"{runner}\""));

        Assert.Contains(result.Errors, e => e.Path == "settings.runner" && e.Message.Contains("not a runner name", StringComparison.Ordinal));
    }

    [Fact]
    public void The_kernel_runs_the_runner_and_wider_is_better()
    {
        var cells = Parse(Yaml).ExpandCells().Where(c => c.Optimizer == "gd").OrderBy(c => c.Size).ToList();
        var kernel = ExperimentRegistry.Get("command").CreateKernel(WidthModelHost);

        var losses = cells.Select(c => kernel.Run(c, TestContext.Current.CancellationToken)).ToList();

        Assert.All(losses, l => Assert.False(l.Run.Diverged));
        Assert.True(losses[1].Run.FinalLoss < losses[0].Run.FinalLoss, $"{losses[0].Run.FinalLoss} then {losses[1].Run.FinalLoss}");
        Assert.Contains("train_loss", losses[0].Measurements!.Keys);
        Assert.Equal(300, losses[0].Run.Curve[^1].Step);
        // The same cell gives the same numbers.
        Assert.Equal(losses[0].Run.FinalLoss, kernel.Run(cells[0], TestContext.Current.CancellationToken).Run.FinalLoss);
    }

    [Fact]
    public void A_cell_whose_runner_this_host_lacks_fails_with_the_reason()
    {
        var cell = Parse(Yaml).ExpandCells().First();
        var kernel = ExperimentRegistry.Get("command").CreateKernel(ExperimentHost.Default);

        var error = Assert.Throws<InvalidOperationException>(() => kernel.Run(cell, TestContext.Current.CancellationToken));
        Assert.Contains("runner 'width-model' is not declared on this silo", error.Message);
    }

    [Fact]
    public void A_runner_that_prints_garbage_fails_the_attempt_with_the_line()
    {
        var cell = Parse(Yaml).ExpandCells().First();
        var kernel = ExperimentRegistry.Get("command").CreateKernel(HostWith("-c", "print('loss is 0.3')"));

        var error = Assert.Throws<CommandRunFailedException>(() => kernel.Run(cell, TestContext.Current.CancellationToken));
        Assert.Contains("loss is 0.3", error.Message);
        Assert.Equal(CommandFailureKind.BadOutput, error.Kind);
    }
}
