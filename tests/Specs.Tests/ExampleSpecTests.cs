using Orchestrator.Numerics.Design;
using Orchestrator.Specs.Experiments.RandomFeatures;
using Orchestrator.Specs.Experiments.Synthetic;

namespace Orchestrator.Specs.Tests;

/// <summary>The shipped example specs validate and expand as their comments say.</summary>
public sealed class ExampleSpecTests
{
    private static SweepSpec Load(string file)
    {
        var result = SpecParser.ParseFile(Path.Combine(AppContext.BaseDirectory, "examples", file));
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Spec!;
    }

    [Theory]
    [InlineData("quickstart.yaml", 40)]
    [InlineData("optimizer-dependence.yaml", 630)]
    [InlineData("paper-scale.yaml", 240)]
    [InlineData("optimizer-dependence-paper.yaml", 3240)]
    [InlineData("size-time.yaml", 80)]
    [InlineData("synthetic.yaml", 60)]
    [InlineData("adaptive-synthetic.yaml", 768)]
    public void Examples_validate_with_their_cell_counts(string file, int cells)
    {
        var spec = Load(file);

        Assert.Equal(cells, spec.CellCount);
        Assert.Equal(cells, spec.ExpandCells().Count());
        Assert.Equal(cells, spec.ExpandCells().Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void Every_example_validates()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.yaml");

        Assert.True(files.Length >= 10, $"only {files.Length} examples copied");
        Assert.All(files, file => Load(Path.GetFileName(file)));
    }

    [Fact]
    public void Adaptive_synthetic_has_three_known_exponents_and_cost_that_grows_with_size()
    {
        var spec = Load("adaptive-synthetic.yaml");

        Assert.Equal(new AdaptiveSettings(DesignPolicyKind.Uncertainty, 0.04, null, null, 0.2, 0), spec.Adaptive);
        Assert.Equal([32, 64, 128, 256, 512, 1024, 2048, 4096], spec.Sizes);
        Assert.Equal(Enumerable.Range(0, 32), spec.Seeds);
        var cells = spec.ExpandCells().ToList();
        Assert.Equal(
            [("slow", 0.1), ("medium", 0.3), ("fast", 0.5)],
            cells.Select(c => (c.Optimizer, c.Settings["alpha"].Real)).Distinct());
        Assert.All(cells, c => Assert.Equal(0.05, c.Settings["sigma"].Real));
        Assert.All(cells, c => Assert.Equal(1e-5 * c.Size, SyntheticExperiment.DurationOf(c), 1e-15));
    }

    [Fact]
    public void Optimizer_dependence_gives_adaptive_optimizers_a_fixed_rate()
    {
        var cells = Load("optimizer-dependence.yaml").ExpandCells().ToList();

        Assert.All(cells.Where(c => c.Optimizer == "adam"), c => Assert.Equal(0.01, c.LearningRate));
        Assert.All(cells.Where(c => c.Optimizer == "matrix-sign"), c => Assert.Equal(0.05, c.LearningRate));
        Assert.All(cells.Where(c => c.Optimizer is not ("adam" or "matrix-sign")), c => Assert.Null(c.LearningRate));
        Assert.All(cells, c => Assert.Equal(16384, RandomFeaturesExperiment.ToRun(c).LatentDim));
    }

    [Fact]
    public void Paper_scale_matches_the_calibration()
    {
        var spec = Load("paper-scale.yaml");

        Assert.Equal(["gd", "natural-gradient"], spec.Optimizers);
        Assert.Equal([32, 64, 128, 256, 512, 1024], spec.Sizes);
        Assert.Contains(1.0, spec.Spectra);
        Assert.Equal(15, spec.Steps);
        Assert.All(spec.ExpandCells(), c =>
        {
            var run = RandomFeaturesExperiment.ToRun(c);
            Assert.Equal(4096, run.LatentDim);
            Assert.Null(run.LearningRate);
            Assert.Equal(1, run.Outputs);
        });
    }

    [Fact]
    public void Optimizer_dependence_paper_has_the_papers_grid_and_rate_axes_for_the_adaptive_optimizers()
    {
        var spec = Load("optimizer-dependence-paper.yaml");

        Assert.Equal(["gd", "momentum", "adam", "matrix-sign", "natural-gradient"], spec.Optimizers);
        Assert.Equal([0.5, 0.75, 1.0, 1.25, 1.5, 2.0], spec.Spectra);
        Assert.Equal([32, 64, 128, 256, 512, 1024], spec.Sizes);
        Assert.Equal(5, spec.Seeds.Count);
        Assert.Equal(15, spec.Steps);
        Assert.True(spec.StepsAreFixed);
        Assert.Empty(spec.Axes);
        var cells = spec.ExpandCells().ToList();
        Assert.All(cells, c =>
        {
            var run = RandomFeaturesExperiment.ToRun(c);
            Assert.Equal(4096, run.LatentDim);
            Assert.True(run.Outputs > 1);
            Assert.Equal("population", c.Settings["data"].Text);
        });
        Assert.All(cells.Where(c => c.Optimizer is not ("adam" or "matrix-sign")), c => Assert.Null(c.LearningRate));
        foreach (var adaptive in new[] { "adam", "matrix-sign" })
        {
            var rates = Assert.Single(spec.AxesOf(adaptive)).Values.Select(v => v.Real).ToList();
            Assert.True(rates.Count >= 5);
            Assert.All(rates.Zip(rates.Skip(1)), pair => Assert.Equal(2.0, pair.Second / pair.First));
            foreach (var series in cells.Where(c => c.Optimizer == adaptive).GroupBy(c => (c.Spectrum, c.Size, c.Seed)))
            {
                Assert.Equal(rates, series.Select(c => c.LearningRate!.Value));
            }
        }
    }
}
