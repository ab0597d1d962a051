namespace Orchestrator.Specs.Tests;

public sealed class SpecComparisonTests
{
    [Fact]
    public void Equal_specs_have_no_differences()
    {
        var reformatted = Quickstart.With("  lr: auto\n", "");

        Assert.Empty(SpecComparison.Differences(Quickstart.Parse(), Quickstart.Parse(reformatted)));
    }

    [Fact]
    public void A_grown_axis_is_shown_before_and_after()
    {
        var stored = Quickstart.Parse(Quickstart.With("size: [32, 64, 128, 256, 512]", "size: [32, 64]"));
        var submitted = Quickstart.Parse(Quickstart.With("size: [32, 64, 128, 256, 512]", "size: [32, 64, 128]"));

        Assert.Equal(["grid.size: [32, 64] -> [32, 64, 128]"], SpecComparison.Differences(stored, submitted));
    }

    [Fact]
    public void Every_changed_field_is_listed_in_canonical_order()
    {
        var submitted = Quickstart.Parse(
            Quickstart.With("steps: 200", "steps: 300").Replace("bootstrap: 1000", "bootstrap: 2000")
                .Replace("spectrum: [1.0, 1.5]", "spectrum: [1.5, 1.0]").Replace("lr: auto", "lr: 0.5")
            + "\nretries: 5\noptimizers:\n  gd: {momentum: 0.5}\n");

        Assert.Equal(
            [
                "retries: 3 -> 5",
                "grid.spectrum: [1, 1.5] -> [1.5, 1]",
                "settings.lr: auto -> 0.5",
                "settings.steps: 200 -> 300",
                "optimizers.gd.momentum: (absent) -> 0.5",
                "fit.bootstrap: 1000 -> 2000",
            ],
            SpecComparison.Differences(Quickstart.Parse(), submitted));
    }

    [Fact]
    public void A_setting_moved_to_an_axis_shows_both_sides()
    {
        var submitted = Quickstart.Parse(
            Quickstart.With("  lr: auto\n", "").Replace("  seed: [0, 1]", "  seed: [0, 1]\n  lr: [0.1, 0.2]"));

        Assert.Equal(["grid.lr: (absent) -> [0.1, 0.2]", "settings.lr: auto -> (absent)"],
            SpecComparison.Differences(Quickstart.Parse(), submitted));
    }

    [Fact]
    public void Differences_are_empty_exactly_when_fingerprints_match()
    {
        var a = Quickstart.Parse();
        var b = Quickstart.Parse(Quickstart.With("name: quickstart", "name: other"));

        Assert.Equal(["name: quickstart -> other"], SpecComparison.Differences(a, b));
        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
    }
}
