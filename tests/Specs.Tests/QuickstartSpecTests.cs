using Orchestrator.Specs.Experiments.RandomFeatures;
using Orchestrator.Numerics.RandomFeatures;

namespace Orchestrator.Specs.Tests;

public sealed class QuickstartSpecTests
{
    [Fact]
    public void Parses_the_contract_example_with_its_values()
    {
        var spec = Quickstart.Parse();

        Assert.Equal("quickstart", spec.Name);
        Assert.Equal("random-features", spec.Experiment);
        Assert.Equal(["gd", "natural-gradient"], spec.Optimizers);
        Assert.Equal([1.0, 1.5], spec.Spectra);
        Assert.Equal([32, 64, 128, 256, 512], spec.Sizes);
        Assert.Equal([0, 1], spec.Seeds);
        Assert.Equal(200, spec.Steps);
        Assert.True(spec.StepsAreFixed);
        Assert.Equal(new FitSettings("gd", 1000), spec.Fit);
        Assert.Equal(3, spec.Retries);
        Assert.Equal(40, spec.CellCount);
    }

    [Fact]
    public void The_example_file_is_the_contract_example()
    {
        var fromFile = SpecParser.ParseFile(Path.Combine(AppContext.BaseDirectory, "examples", "quickstart.yaml"));

        Assert.True(fromFile.IsValid, string.Join(Environment.NewLine, fromFile.Errors));
        Assert.Equal(Quickstart.Parse().Fingerprint, fromFile.Spec!.Fingerprint);
    }

    [Fact]
    public void Expands_cells_in_optimizer_spectrum_size_seed_order()
    {
        var cells = Quickstart.Parse().ExpandCells().ToList();

        Assert.Equal(40, cells.Count);
        var expected =
            from optimizer in new[] { "gd", "natural-gradient" }
            from spectrum in new[] { 1.0, 1.5 }
            from size in new[] { 32, 64, 128, 256, 512 }
            from seed in new[] { 0, 1 }
            select (optimizer, spectrum, size, seed);
        Assert.Equal(expected, cells.Select(c => (c.Optimizer, c.Spectrum, c.Size, c.Seed)));
        Assert.Equal(40, cells.Select(c => c.Id).Distinct().Count());
        Assert.All(cells, c => Assert.Matches("^[0-9a-f]{16}$", c.Id));
    }

    [Fact]
    public void Maps_a_cell_to_the_kernel_run_with_every_setting()
    {
        var cell = Quickstart.Parse().ExpandCells().Last();

        var run = RandomFeaturesExperiment.ToRun(cell);

        var expected = new RandomFeaturesRun
        {
            LatentDim = 2048,
            Spectrum = 1.5,
            Size = 512,
            Seed = 1,
            Steps = 200,
            Optimizer = "natural-gradient",
            LearningRate = null,
            LearningRateScale = 1.0,
            Outputs = 1,
            TargetDecay = 0,
            Data = DataRegime.Population,
            OptimizerSettings = new OptimizerSettings(),
        };
        Assert.Equal(expected, run);
    }

    [Fact]
    public void Cell_json_round_trips_to_the_same_id()
    {
        foreach (var cell in Quickstart.Parse().ExpandCells())
        {
            var back = CellDefinition.FromJson(cell.ToJson());

            Assert.Equal(cell.Id, back.Id);
            Assert.Equal(cell.ToJson(), back.ToJson());
            Assert.Equal(cell, back);
        }
    }

    [Fact]
    public void Canonical_json_round_trips_to_the_same_fingerprint()
    {
        var spec = Quickstart.Parse();

        var back = SweepSpec.FromCanonicalJson(spec.CanonicalJson);

        Assert.Equal(spec.CanonicalJson, back.CanonicalJson);
        Assert.Equal(spec.Fingerprint, back.Fingerprint);
        Assert.Matches("^[0-9a-f]{64}$", spec.Fingerprint);
        Assert.Equal(spec.ExpandCells().Select(c => c.Id), back.ExpandCells().Select(c => c.Id));
    }
}
