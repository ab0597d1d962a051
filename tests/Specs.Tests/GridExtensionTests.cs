namespace Orchestrator.Specs.Tests;

/// <summary>Values added to a stored spec's axes from the command line (<c>orchestrator grow</c>).</summary>
public sealed class GridExtensionTests
{
    private static IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Values(params (string Axis, string[] Values)[] values) =>
        values.Select(v => KeyValuePair.Create(v.Axis, (IReadOnlyList<string>)v.Values)).ToList();

    [Fact]
    public void Added_values_give_the_spec_written_with_them()
    {
        var extension = GridExtension.Add(Quickstart.Parse(), Values(("seed", ["2", "3"]), ("size", ["1024"])), SpecLimits.Default);

        var expected = Quickstart.Parse(Quickstart.With("seed: [0, 1]", "seed: [0, 1, 2, 3]")
            .Replace("size: [32, 64, 128, 256, 512]", "size: [32, 64, 128, 256, 512, 1024]"));
        Assert.Empty(extension.Errors);
        Assert.Equal(expected.CanonicalJson, extension.Spec!.CanonicalJson);
        Assert.Equal(expected.Fingerprint, extension.Spec.Fingerprint);
    }

    [Fact]
    public void Values_already_there_are_reported_and_left_out()
    {
        var extension = GridExtension.Add(Quickstart.Parse(), Values(("seed", ["1", "2"]), ("spectrum", ["1.50"])), SpecLimits.Default);

        Assert.Equal(["grid.seed: 1", "grid.spectrum: 1.5"], extension.AlreadyPresent);
        Assert.Equal([0, 1, 2], extension.Spec!.Seeds);
        Assert.Equal([1.0, 1.5], extension.Spec.Spectra);
    }

    [Fact]
    public void A_setting_axis_grows_by_its_name()
    {
        var stored = Quickstart.Parse(Quickstart.With("  steps: 200\n", "").Replace("seed: [0, 1]", "seed: [0, 1]\n  steps: [100, 200]"));

        var extension = GridExtension.Add(stored, Values(("steps", ["400"])), SpecLimits.Default);

        Assert.Empty(extension.Errors);
        Assert.Equal(GrowthKind.Grown, SpecGrowth.Compare(stored, extension.Spec!).Kind);
        Assert.Equal(3, extension.Spec!.Axes.Single().Values.Count);
    }

    [Fact]
    public void Unknown_axes_and_bad_values_are_each_reported_at_their_axis()
    {
        var extension = GridExtension.Add(Quickstart.Parse(),
            Values(("seed", ["-1"]), ("lr", ["0.1"]), ("optimizer", ["sgd"])), SpecLimits.Default);

        Assert.Null(extension.Spec);
        Assert.Equal(["grid.seed", "grid.lr", "grid.optimizer"], extension.Errors.Select(e => e.Path));
        Assert.Contains("no axis 'lr'; its axes are optimizer, spectrum, size, seed", extension.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_grown_spec_is_validated_as_a_spec_file_is()
    {
        // Sizes are bounded by the latent dimension (2048).
        var extension = GridExtension.Add(Quickstart.Parse(), Values(("size", ["4096"])), SpecLimits.Default);

        Assert.Null(extension.Spec);
        Assert.StartsWith("grid.size", Assert.Single(extension.Errors).Path, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grown_grid_over_the_cell_limit_is_refused()
    {
        var extension = GridExtension.Add(Quickstart.Parse(), Values(("seed", ["2"])), SpecLimits.Default with { MaxCells = 50 });

        Assert.Equal("grid", Assert.Single(extension.Errors).Path);
    }
}
