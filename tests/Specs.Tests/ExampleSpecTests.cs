using Orchestrator.Specs.Experiments.RandomFeatures;
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
    [InlineData("size-time.yaml", 80)]
    [InlineData("synthetic.yaml", 60)]
    public void Examples_validate_with_their_cell_counts(string file, int cells)
    {
        var spec = Load(file);

        Assert.Equal(cells, spec.CellCount);
        Assert.Equal(cells, spec.ExpandCells().Count());
        Assert.Equal(cells, spec.ExpandCells().Select(c => c.Id).Distinct().Count());
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
}
