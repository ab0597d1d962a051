namespace Orchestrator.Specs.Tests;

/// <summary>Setting axes, defaults of <c>fit</c>, and the spec's own JSON form.</summary>
public sealed class ExpansionTests
{
    private static readonly string TwoSettingAxes = Quickstart.With("  lr: auto\n", "").Replace("  steps: 200\n", "")
        .Replace("  seed: [0, 1]", "  steps: [20, 10]\n  seed: [0, 1]\n  lr: [0.5, auto]");

    [Fact]
    public void Setting_axes_vary_after_the_core_axes_in_key_order_last_fastest()
    {
        var spec = Quickstart.Parse(TwoSettingAxes);

        Assert.Equal(["lr", "steps"], spec.Axes.Select(a => a.Name));
        Assert.Equal(160, spec.CellCount);
        var firstFour = spec.ExpandCells().Take(4).Select(c => (c.Seed, c.LearningRate, c.Steps));
        Assert.Equal([(0, 0.5, 20), (0, 0.5, 10), (0, (double?)null, 20), (0, null, 10)], firstFour);
        Assert.False(spec.StepsAreFixed);
        Assert.Equal(20, spec.Steps);
    }

    [Fact]
    public void Setting_axes_are_not_in_the_fixed_settings_and_are_in_every_cell()
    {
        var spec = Quickstart.Parse(TwoSettingAxes);

        Assert.False(spec.Settings.ContainsKey("lr"));
        Assert.False(spec.Settings.ContainsKey("steps"));
        Assert.All(spec.ExpandCells(), c => Assert.Equal(13, c.Settings.Count));
        Assert.Equal(spec.CellCount, spec.ExpandCells().Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void Fit_defaults_to_gd_and_a_thousand_resamples()
    {
        var spec = Quickstart.Parse(Quickstart.With("fit:\n  baseline: gd\n  bootstrap: 1000", ""));

        Assert.Equal(new FitSettings("gd", 1000), spec.Fit);
    }

    [Fact]
    public void Fit_baseline_defaults_to_the_first_optimizer_without_gd()
    {
        var spec = Quickstart.Parse(
            Quickstart.With("optimizer: [gd, natural-gradient]", "optimizer: [natural-gradient, momentum]")
                .Replace("  baseline: gd\n", ""));

        Assert.Equal("natural-gradient", spec.Fit.Baseline);
    }

    [Fact]
    public void Empty_optional_sections_read_as_defaults()
    {
        var spec = Quickstart.Parse(Quickstart.Yaml.Replace("fit:\n  baseline: gd\n  bootstrap: 1000", "fit:\noptimizers:"));

        Assert.Equal(Quickstart.Parse().Fingerprint, spec.Fingerprint);
    }

    [Fact]
    public void Parse_of_null_text_is_an_error_not_an_exception()
    {
        var result = SpecParser.Parse(null!);

        Assert.Equal(["(spec): no text given"], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Canonical_json_that_does_not_validate_is_refused()
    {
        var json = Quickstart.Parse().CanonicalJson;

        Assert.Throws<FormatException>(() => SweepSpec.FromCanonicalJson("{"));
        var error = Assert.Throws<FormatException>(() =>
            SweepSpec.FromCanonicalJson(json.Replace("\"steps\":200", "\"steps\":-1")));
        Assert.Contains("settings.steps: must be a positive integer, got -1", error.Message);
    }

    [Fact]
    public void Canonical_json_is_stable()
    {
        Assert.Equal(
            """{"name":"quickstart","experiment":"random-features","retries":3,"grid":{"optimizer":["gd","natural-gradient"],"spectrum":[1,1.5],"size":[32,64,128,256,512],"seed":[0,1]},"settings":{"beta1":0.9,"beta2":0.999,"damping":1E-08,"data":"population","epsilon":1E-08,"gamma":0.5,"latent_dim":2048,"lr":"auto","lr_scale":1,"momentum":0.9,"outputs":1,"steps":200,"target_decay":0},"optimizers":{},"fit":{"baseline":"gd","bootstrap":1000}}""",
            Quickstart.Parse().CanonicalJson);
    }

    [Fact]
    public void Reals_keep_full_precision()
    {
        var spec = Quickstart.Parse(Quickstart.With("spectrum: [1.0, 1.5]", "spectrum: [0.1, 1.2345678901234567]"));

        Assert.Equal([0.1, 1.2345678901234567], spec.Spectra);
        Assert.Equal(spec.Spectra, SweepSpec.FromCanonicalJson(spec.CanonicalJson).Spectra);
    }
}
