using Orchestrator.Specs.Experiments.Command;

namespace Orchestrator.Specs.Tests.Command;

/// <summary>The shipped example runner, <c>examples/runners/width_model.py</c>, run as a silo would run it.</summary>
public sealed class WidthModelRunnerTests
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "examples", "runners", "width_model.py");

    private static RunnerDefinition Runner => new(
        "width-model", PythonWithNumpy.Path,
        [Script, "--width", "{size}", "--spectrum", "{spectrum}", "--seed", "{seed}", "--optimizer", "{optimizer}"],
        null, TimeSpan.FromSeconds(60), []);

    private static Task<CommandRunResult> Run(int width, string optimizer = "gd", int seed = 0, IProgress<(int, double)>? progress = null) =>
        new CommandCellRunner().RunAsync(Runner,
            new CommandInvocation("cell", optimizer, 1.5, width, seed, new Dictionary<string, string>()), progress,
            TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_wider_model_reaches_a_lower_loss()
    {
        var narrow = await Run(64);
        var wide = await Run(256);

        Assert.True(double.IsFinite(narrow.FinalLoss) && double.IsFinite(wide.FinalLoss));
        Assert.True(wide.FinalLoss < 0.7 * narrow.FinalLoss, $"N=64: {narrow.FinalLoss}, N=256: {wide.FinalLoss}");
    }

    [Fact]
    public async Task It_reports_a_falling_curve_and_its_measurements()
    {
        var progress = new RecordingProgress();

        var result = await Run(128, progress: progress);

        Assert.Equal(50, result.Curve.Count);
        Assert.Equal(result.Curve.Select(p => (p.Step, p.Loss)), progress.Reports);
        Assert.Equal(1000, result.Curve[^1].Step);
        Assert.Equal(result.FinalLoss, result.Curve[^1].Loss);
        Assert.True(result.Curve[0].Loss > result.Curve[^1].Loss);
        Assert.Equal(["train_loss", "width_floor"], result.Measurements.Keys.Order());
        Assert.InRange(result.Measurements["width_floor"], 0, result.FinalLoss);
        Assert.True(result.Measurements["train_loss"] >= result.FinalLoss);
    }

    [Fact]
    public async Task A_seed_gives_the_same_numbers_and_momentum_gets_further_than_gd()
    {
        var first = await Run(256, "gd", seed: 1);
        var again = await Run(256, "gd", seed: 1);
        var momentum = await Run(256, "momentum", seed: 1);

        Assert.Equal(first.FinalLoss, again.FinalLoss);
        Assert.Equal(first.Curve, again.Curve);
        Assert.True(momentum.FinalLoss < first.FinalLoss, $"gd: {first.FinalLoss}, momentum: {momentum.FinalLoss}");
    }

    [Fact]
    public async Task An_unknown_optimizer_fails_with_the_scripts_own_message()
    {
        var failure = await Assert.ThrowsAsync<CommandRunFailedException>(() => Run(64, "adagrad"));

        Assert.Equal(CommandFailureKind.NonZeroExit, failure.Kind);
        Assert.Equal(2, failure.ExitCode);
        Assert.Contains("invalid choice: 'adagrad'", failure.Reason);
    }
}
