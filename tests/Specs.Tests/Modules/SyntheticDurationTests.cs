using Orchestrator.Specs.Experiments;
using Orchestrator.Specs.Experiments.Synthetic;

namespace Orchestrator.Specs.Tests.Modules;

/// <summary>
/// The <c>synthetic</c> setting <c>duration_exponent</c> p: a cell of size N takes duration·N^p seconds, so that cost
/// grows with size; at p = 0 (its default) cells are what they were, ids included, and no cell may take longer than
/// <see cref="SyntheticExperiment.MaxDuration"/>.
/// </summary>
public sealed class SyntheticDurationTests
{
    private const string Yaml = """
        name: duration-test
        experiment: synthetic
        grid:
          optimizer: [gd, natural-gradient]
          spectrum: [1.0]
          size: [32, 64, 128]
          seed: [0, 1]
        settings:
          alpha: 0.3
          duration: 1e-5
        """;

    // Every 17th cell id of the examples, as they were before the setting existed.
    [Theory]
    [InlineData("synthetic.yaml", "70939e524474c71a,b730c36273e25225,1928ce4bf1e84081,98c3695bbaf02ce7")]
    [InlineData("size-time.yaml", "e856381dddee6c1c,14ec4909e88104a0,99696a5e392bac82,9290ca8d115264ff,c5ec15d1922bf85f")]
    public void Cells_of_existing_specs_keep_their_ids(string example, string ids)
    {
        var spec = SpecParser.ParseFile(Path.Combine(AppContext.BaseDirectory, "examples", example)).Spec!;

        Assert.Equal(ids, string.Join(",", spec.ExpandCells().Select(c => c.Id).Where((_, i) => i % 17 == 0)));
    }

    [Fact]
    public void At_p_zero_a_cell_takes_its_duration_and_keeps_its_id()
    {
        var plain = Quickstart.Parse(Yaml);
        var spelled = Quickstart.Parse(Yaml.Replace("duration: 1e-5", "duration: 1e-5\n  duration_exponent: 0"));

        Assert.Equal(plain.Fingerprint, spelled.Fingerprint);
        Assert.Equal(plain.ExpandCells().Select(c => c.Id), spelled.ExpandCells().Select(c => c.Id));
        Assert.DoesNotContain("duration_exponent", plain.CanonicalJson, StringComparison.Ordinal);
        Assert.DoesNotContain("duration_exponent", plain.ExpandCells().First().ToJson(), StringComparison.Ordinal);
        Assert.All(plain.ExpandCells(), c => Assert.Equal(1e-5, SyntheticExperiment.DurationOf(c)));
    }

    [Fact]
    public void A_cell_takes_duration_times_size_to_the_p()
    {
        var spec = Quickstart.Parse(Yaml.Replace("duration: 1e-5", "duration: 1e-5\n  duration_exponent: 1.5"));

        Assert.Contains("\"duration_exponent\":1.5", spec.CanonicalJson, StringComparison.Ordinal);
        Assert.NotEqual(Quickstart.Parse(Yaml).ExpandCells().First().Id, spec.ExpandCells().First().Id);
        Assert.All(spec.ExpandCells(), c => Assert.Equal(1e-5 * Math.Pow(c.Size, 1.5), SyntheticExperiment.DurationOf(c)));
        var read = CellDefinition.FromJson(spec.ExpandCells().First().ToJson());
        Assert.Equal(1e-5 * Math.Pow(32, 1.5), SyntheticExperiment.DurationOf(read));
    }

    [Fact]
    public void The_duration_does_not_change_the_loss()
    {
        var plain = Quickstart.Parse(Yaml).ExpandCells().ToList();
        var scaled = Quickstart.Parse(Yaml.Replace("duration: 1e-5", "duration: 1e-7\n  duration_exponent: 1")).ExpandCells().ToList();
        var kernel = ExperimentRegistry.Get(SyntheticExperiment.ExperimentName).CreateKernel(ExperimentHost.Default);
        var token = TestContext.Current.CancellationToken;

        Assert.Equal(plain.Select(c => kernel.Run(c, token).Run.FinalLoss), scaled.Select(c => kernel.Run(c, token).Run.FinalLoss));
    }

    [Fact]
    public void A_kernel_waits_at_least_a_duration_below_a_millisecond()
    {
        // A lower bound only: the kernel's own stopwatch cannot read less than it waited, however slow the machine.
        var cell = Quickstart.Parse(Yaml.Replace("duration: 1e-5", "duration: 1e-5\n  duration_exponent: 1")).ExpandCells().First();
        var kernel = ExperimentRegistry.Get(SyntheticExperiment.ExperimentName).CreateKernel(ExperimentHost.Default);

        // The first run also compiles the kernel, which takes longer than the wait.
        kernel.Run(cell, TestContext.Current.CancellationToken);
        var run = kernel.Run(cell, TestContext.Current.CancellationToken).Run;

        Assert.Equal(3.2e-4, SyntheticExperiment.DurationOf(cell), 1e-15);
        Assert.True(run.Seconds >= SyntheticExperiment.DurationOf(cell), $"{run.Seconds} s");
    }

    [Theory]
    [InlineData("duration: 6\n  duration_exponent: 2",
        "settings.duration: with duration_exponent 2 (settings.duration_exponent), a cell of size 128 would take 6·128^2 = 98304 s; the limit is 86400 s")]
    [InlineData("duration_exponent: 3\n  duration: 1",
        "settings.duration: with duration_exponent 3 (settings.duration_exponent), a cell of size 128 would take 1·128^3 = 2.09715E+06 s; the limit is 86400 s")]
    [InlineData("duration: 10\noptimizers:\n  natural-gradient: {duration_exponent: 2}",
        "settings.duration: with duration_exponent 2 (optimizers.natural-gradient.duration_exponent), a cell of size 128 would take 10·128^2 = 163840 s; the limit is 86400 s")]
    [InlineData("duration: 1\n  duration_exponent: 5", "settings.duration_exponent: must be in [0, 4], got 5")]
    public void The_largest_cell_may_take_at_most_a_day(string settings, string expected) =>
        Assert.Equal([expected], Quickstart.Errors(Yaml.Replace("duration: 1e-5", settings)));

    [Fact]
    public void A_duration_axis_is_blamed_at_the_value_too_long()
    {
        var yaml = Yaml.Replace("  duration: 1e-5", "  duration_exponent: 2").Replace("seed: [0, 1]", "seed: [0, 1]\n  duration: [0.001, 10]");

        Assert.Equal(
            ["grid.duration[1]: with duration_exponent 2 (settings.duration_exponent), a cell of size 128 would take 10·128^2 = 163840 s; the limit is 86400 s"],
            Quickstart.Errors(yaml));
    }

    [Fact]
    public void A_duration_within_the_limit_at_the_largest_size_is_valid()
    {
        var spec = Quickstart.Parse(Yaml.Replace("duration: 1e-5", "duration: 5.2734375\n  duration_exponent: 2"));

        Assert.Equal(SyntheticExperiment.MaxDuration, spec.ExpandCells().Max(SyntheticExperiment.DurationOf));
    }
}
