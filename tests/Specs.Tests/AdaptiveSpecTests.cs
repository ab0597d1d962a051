using Orchestrator.Numerics.Design;

namespace Orchestrator.Specs.Tests;

/// <summary>
/// The <c>adaptive</c> section: read with its defaults, refused with the field path of each problem, written into the
/// canonical JSON only when present (so every spec without it keeps its fingerprint) and read back from it unchanged.
/// </summary>
public sealed class AdaptiveSpecTests
{
    private static string WithAdaptive(string lines) =>
        Quickstart.Yaml + "\nadaptive:\n" + string.Join('\n', lines.Split('\n').Select(l => "  " + l));

    [Theory]
    [InlineData("command.yaml", "f070ca5cc57ad0edf2c67ba8c977b7dbb2928e5569a4cc530363197511fd1e4e")]
    [InlineData("optimizer-dependence-paper.yaml", "b13afc3d507117811d07cee74150a93e0b6e53359b98d5f6834fbd2d8cf66d62")]
    [InlineData("optimizer-dependence.yaml", "818e8102692f9564695d59c5d62a7aa5cd5a89ff44f2f6978d388805c61552c8")]
    [InlineData("paper-scale.yaml", "5269ca538e5ab8a01a7ebb0300ac7c21ee55778f356d9a3881df83d1e323b6a1")]
    [InlineData("quickstart.yaml", Quickstart.Fingerprint)]
    [InlineData("size-time.yaml", "f7b3778859a762489fa19a5b9c317b365abfaeb486e5267018808009168ff724")]
    [InlineData("spectral-rank-ctx.yaml", "9a71e0f7d35e5f2a13d1c33c861c3867e44d292af98103eeab69fe43e4a08496")]
    [InlineData("spectral-rank.yaml", "f85b1b3e5ba1001c202969f978644fab69d9356240eda413ed0be5774b99af8c")]
    [InlineData("synthetic.yaml", "477107a93b79a48b917488fab5556c4ed24b29fe3f99d3769bf1b0b4f3e42f69")]
    public void Specs_without_the_section_keep_their_fingerprint(string example, string fingerprint)
    {
        var spec = SpecParser.ParseFile(Path.Combine(AppContext.BaseDirectory, "examples", example)).Spec!;

        Assert.Null(spec.Adaptive);
        Assert.DoesNotContain("adaptive", spec.CanonicalJson, StringComparison.Ordinal);
        Assert.Equal(fingerprint, spec.Fingerprint);
    }

    [Fact]
    public void A_target_alone_gets_every_default_written_out()
    {
        var spec = Quickstart.Parse(WithAdaptive("target: 0.02"));

        Assert.Equal(new AdaptiveSettings(DesignPolicyKind.Uncertainty, 0.02, null, null, 0.2, 0), spec.Adaptive);
        Assert.EndsWith(
            "\"fit\":{\"baseline\":\"gd\",\"bootstrap\":1000},\"adaptive\":{\"policy\":\"uncertainty\",\"target\":0.02,\"explore\":0.2,\"seed\":0}}",
            spec.CanonicalJson, StringComparison.Ordinal);
        Assert.Equal(spec.Fingerprint,
            Quickstart.Parse(WithAdaptive("policy: uncertainty\ntarget: 0.020\nexplore: 0.2\nseed: 0")).Fingerprint);
        Assert.NotEqual(Quickstart.Fingerprint, spec.Fingerprint);
    }

    [Fact]
    public void Every_setting_is_read_written_and_read_back()
    {
        var spec = Quickstart.Parse(WithAdaptive(
            "policy: random\ntarget: 0.04\nbudget:\n  core_seconds: 3600\n  cells: 500\nexplore: 0.5\nseed: 7"));

        Assert.Equal(new AdaptiveSettings(DesignPolicyKind.RandomOrder, 0.04, 3600, 500, 0.5, 7), spec.Adaptive);
        Assert.EndsWith(
            "\"adaptive\":{\"policy\":\"random\",\"target\":0.04,\"budget\":{\"core_seconds\":3600,\"cells\":500},\"explore\":0.5,\"seed\":7}}",
            spec.CanonicalJson, StringComparison.Ordinal);
        var back = SweepSpec.FromCanonicalJson(spec.CanonicalJson);
        Assert.Equal(spec.Fingerprint, back.Fingerprint);
        Assert.Equal(spec.Adaptive, back.Adaptive);
        Assert.Equal(
            new DesignSettings
            {
                Policy = DesignPolicyKind.RandomOrder, TargetWidth = 0.04, BudgetSeconds = 3600, BudgetCells = 500,
                ExploreFraction = 0.5, Seed = 7,
            },
            spec.Adaptive!.ToDesignSettings());
    }

    [Theory]
    [InlineData("budget: {core_seconds: 0.25}", null, 0.25, null)]
    [InlineData("budget: {cells: 12}", null, null, 12)]
    [InlineData("target: 1e-2\nbudget: {cells: 12}", 0.01, null, 12)]
    public void Any_one_stop_rule_is_enough_and_survives_the_round_trip(string lines, double? target, double? seconds, int? cells)
    {
        var spec = Quickstart.Parse(WithAdaptive(lines));

        Assert.Equal((target, seconds, cells), (spec.Adaptive!.Target, spec.Adaptive.BudgetSeconds, spec.Adaptive.BudgetCells));
        var back = SweepSpec.FromCanonicalJson(spec.CanonicalJson);
        Assert.Equal(spec.Fingerprint, back.Fingerprint);
        Assert.Equal(spec.Adaptive, back.Adaptive);
    }

    [Theory]
    [InlineData("uncertainty", DesignPolicyKind.Uncertainty)]
    [InlineData("full-grid", DesignPolicyKind.FullGrid)]
    [InlineData("random", DesignPolicyKind.RandomOrder)]
    public void Each_policy_is_read_by_its_name(string name, DesignPolicyKind policy)
    {
        var spec = Quickstart.Parse(WithAdaptive($"policy: {name}\ntarget: 0.02"));

        Assert.Equal(policy, spec.Adaptive!.Policy);
        Assert.Equal(name, spec.Adaptive.PolicyName);
        Assert.Contains($"\"policy\":\"{name}\"", spec.CanonicalJson, StringComparison.Ordinal);
    }

    [Fact]
    public void The_section_changes_no_cell()
    {
        var cells = Quickstart.Parse(WithAdaptive("target: 0.02")).ExpandCells().Select(c => c.Id).ToList();

        Assert.Equal(Quickstart.FirstCellId, cells[0]);
        Assert.Equal(Quickstart.Parse().ExpandCells().Select(c => c.Id), cells);
    }

    [Theory]
    [InlineData("target: 0", "adaptive.target: must be in (0, 10], got 0")]
    [InlineData("target: -0.02", "adaptive.target: must be in (0, 10], got -0.02")]
    [InlineData("target: narrow", "adaptive.target: must be a number, got 'narrow'")]
    [InlineData("target: .nan", "adaptive.target: must be a finite number, got '.nan'")]
    [InlineData("target: [0.02]", "adaptive.target: must be a single value, got a list")]
    [InlineData("budget: {core_seconds: 0}", "adaptive.budget.core_seconds: must be in (0, 1000000000000], got 0")]
    [InlineData("budget: {core_seconds: -5}", "adaptive.budget.core_seconds: must be in (0, 1000000000000], got -5")]
    [InlineData("budget: {cells: 0}", "adaptive.budget.cells: must be a positive integer, got 0")]
    [InlineData("budget: {cells: 2.5}", "adaptive.budget.cells: must be an integer, got '2.5'")]
    [InlineData("budget: 100", "adaptive.budget: must be a mapping of keys to values, got '100'")]
    [InlineData("target: 0.02\nbudget: {seconds: 100}", "adaptive.budget.seconds: unknown key; expected one of core_seconds, cells")]
    [InlineData("target: 0.02\nexplore: 0.1", "adaptive.explore: must be in [0.2, 0.9], got 0.1")]
    [InlineData("target: 0.02\nexplore: 0.95", "adaptive.explore: must be in [0.2, 0.9], got 0.95")]
    [InlineData("target: 0.02\npolicy: greedy", "adaptive.policy: unknown policy 'greedy'; known: uncertainty, full-grid, random")]
    [InlineData("target: 0.02\nseed: -1", "adaptive.seed: must be a non-negative integer, got -1")]
    [InlineData("target: 0.02\nwidth: 0.02", "adaptive.width: unknown key; expected one of policy, target, budget, explore, seed")]
    [InlineData("policy: random", "adaptive: needs a stop rule: give target, budget.core_seconds or budget.cells (or several)")]
    [InlineData("budget: {}", "adaptive: needs a stop rule: give target, budget.core_seconds or budget.cells (or several)")]
    public void A_bad_setting_names_its_field(string lines, string expected) =>
        Assert.Equal([expected], Quickstart.Errors(WithAdaptive(lines)));

    [Theory]
    [InlineData("adaptive:\n", "adaptive: needs a stop rule: give target, budget.core_seconds or budget.cells (or several)")]
    [InlineData("adaptive: 0.02\n", "adaptive: must be a mapping of keys to values, got '0.02'")]
    public void A_section_without_settings_is_refused(string section, string expected) =>
        Assert.Equal([expected], Quickstart.Errors(Quickstart.Yaml + "\n" + section));

    [Theory]
    [InlineData("size: [32, 64, 128, 256, 512]", "size: [32, 64]",
        "grid.size: an adaptive sweep needs at least 3 candidate sizes to fit α with an interval, got 2")]
    [InlineData("seed: [0, 1]", "seed: [0]",
        "grid.seed: an adaptive sweep needs at least 2 seeds (the most a size may get), got 1")]
    [InlineData("  bootstrap: 1000", "  bootstrap: 1000\n  exponents: {alpha: 0.5}",
        "fit.exponents.alpha: an adaptive sweep narrows the interval of the fitted α, so α cannot be held fixed (at 0.5)")]
    public void The_grid_must_give_alpha_an_interval_to_narrow(string find, string replacement, string expected)
    {
        Assert.Equal([expected], Quickstart.Errors(Quickstart.With(find, replacement) + "\nadaptive:\n  target: 0.02"));
        // The same grid is fine for a sweep that runs all of it.
        Quickstart.Parse(Quickstart.With(find, replacement));
    }

    [Fact]
    public void An_axis_with_its_own_error_is_not_blamed_twice() => Assert.Equal(
        ["grid.size[2]: must be a positive integer, got -1"],
        Quickstart.Errors(Quickstart.With("size: [32, 64, 128, 256, 512]", "size: [32, 64, -1]") + "\nadaptive:\n  target: 0.02"));

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = Quickstart.Errors(Quickstart.With("seed: [0, 1]", "seed: [0]") +
            "\nadaptive:\n  target: 0\n  budget: {cells: 0}\n  explore: 1\n  policy: best");

        Assert.Equal(
            [
                "adaptive.policy: unknown policy 'best'; known: uncertainty, full-grid, random",
                "adaptive.target: must be in (0, 10], got 0",
                "adaptive.budget.cells: must be a positive integer, got 0",
                "adaptive.explore: must be in [0.2, 0.9], got 1",
                "grid.seed: an adaptive sweep needs at least 2 seeds (the most a size may get), got 1",
            ],
            errors);
    }
}
