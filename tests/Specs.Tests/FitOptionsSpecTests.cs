using Orchestrator.Numerics.Fitting;
using Orchestrator.Specs.Experiments;

namespace Orchestrator.Specs.Tests;

/// <summary>
/// <c>fit.exponents</c>, <c>fit.robust</c> and <c>fit.huber_delta</c>: read with field paths on every error, carried
/// into the fit options, and written into the canonical JSON only away from their defaults, so that specs without them
/// keep their fingerprint and cell ids.
/// </summary>
public sealed class FitOptionsSpecTests
{
    private static string WithFit(string lines) =>
        Quickstart.With("  bootstrap: 1000", "  bootstrap: 1000\n" + string.Join('\n', lines.Split('\n').Select(l => "  " + l)));

    [Theory]
    [InlineData("")]
    [InlineData("robust: none")]
    [InlineData("exponents: {}")]
    public void At_their_defaults_the_spec_is_unchanged(string lines)
    {
        var spec = Quickstart.Parse(lines.Length == 0 ? Quickstart.Yaml : WithFit(lines));

        Assert.Equal(Quickstart.Fingerprint, spec.Fingerprint);
        Assert.Equal(Quickstart.FirstCellId, spec.ExpandCells().First().Id);
        Assert.Equal((null, null, null), (spec.Fit.FixedAlpha, spec.Fit.FixedBeta, spec.Fit.HuberDelta));
        Assert.EndsWith("\"fit\":{\"baseline\":\"gd\",\"bootstrap\":1000}}", spec.CanonicalJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixed_exponents_are_read_written_and_carried_to_the_fit()
    {
        var spec = Quickstart.Parse(WithFit("exponents:\n  alpha: 0.5\n  beta: 0.25"));

        Assert.Equal((0.5, 0.25), (spec.Fit.FixedAlpha, spec.Fit.FixedBeta));
        Assert.EndsWith("\"fit\":{\"baseline\":\"gd\",\"bootstrap\":1000,\"exponents\":{\"alpha\":0.5,\"beta\":0.25}}}", spec.CanonicalJson, StringComparison.Ordinal);
        Assert.NotEqual(Quickstart.Fingerprint, spec.Fingerprint);
        // How cells are fitted is not what they compute: the cell ids stay.
        Assert.Equal(Quickstart.FirstCellId, spec.ExpandCells().First().Id);
        var back = SweepSpec.FromCanonicalJson(spec.CanonicalJson);
        Assert.Equal(spec.Fingerprint, back.Fingerprint);
        Assert.Equal(spec.Fit, back.Fit);

        var options = ExperimentRegistry.Get(spec.Experiment).FitOptions(spec);
        Assert.Equal((0.5, 0.25, (double?)null, 200), (options.FixedAlpha, options.FixedBeta, options.HuberDelta, options.Steps));
    }

    [Fact]
    public void Huber_gets_its_default_delta_written_out()
    {
        var implicitDelta = Quickstart.Parse(WithFit("robust: huber"));
        var explicitDelta = Quickstart.Parse(WithFit("robust: huber\nhuber_delta: 0.001"));

        Assert.Equal(HuberLoss.DefaultDelta, implicitDelta.Fit.HuberDelta);
        Assert.Equal(implicitDelta.Fingerprint, explicitDelta.Fingerprint);
        Assert.EndsWith("\"robust\":\"huber\",\"huber_delta\":0.001}}", implicitDelta.CanonicalJson, StringComparison.Ordinal);
        Assert.Equal(implicitDelta.Fit, SweepSpec.FromCanonicalJson(implicitDelta.CanonicalJson).Fit);
        Assert.Equal(0.01, Quickstart.Parse(WithFit("robust: huber\nhuber_delta: 1e-2")).Fit.HuberDelta);
        Assert.Equal(HuberLoss.DefaultDelta, ExperimentRegistry.Get(implicitDelta.Experiment).FitOptions(implicitDelta).HuberDelta);
    }

    [Theory]
    [InlineData("exponents:\n  alpha: 0", "fit.exponents.alpha: must be in (0, 10], got 0")]
    [InlineData("exponents:\n  alpha: -0.5", "fit.exponents.alpha: must be in (0, 10], got -0.5")]
    [InlineData("exponents:\n  alpha: 10.5", "fit.exponents.alpha: must be in (0, 10], got 10.5")]
    [InlineData("exponents:\n  alpha: steep", "fit.exponents.alpha: must be a number, got 'steep'")]
    [InlineData("exponents:\n  beta: .nan", "fit.exponents.beta: must be a finite number, got '.nan'")]
    [InlineData("exponents:\n  gamma: 1", "fit.exponents.gamma: unknown key; expected one of alpha, beta")]
    [InlineData("exponents: 0.5", "fit.exponents: must be a mapping of keys to values, got '0.5'")]
    [InlineData("robust: ransac", "fit.robust: unknown robust fit 'ransac'; known: none, huber")]
    [InlineData("robust: huber\nhuber_delta: 0", "fit.huber_delta: must be in (0, 1.7976931348623157E+308], got 0")]
    [InlineData("huber_delta: 0.01", "fit.huber_delta: applies only with fit.robust: huber")]
    [InlineData("robust: none\nhuber_delta: 0.01", "fit.huber_delta: applies only with fit.robust: huber")]
    public void A_bad_fit_setting_names_its_field(string lines, string expected) =>
        Assert.Equal([expected], Quickstart.Errors(WithFit(lines)));

    [Fact]
    public void A_changed_fit_setting_is_listed_by_its_path()
    {
        var submitted = Quickstart.Parse(WithFit("exponents: {alpha: 0.4}\nrobust: huber"));

        Assert.Equal(
            [
                "fit.exponents.alpha: (absent) -> 0.4",
                "fit.huber_delta: (absent) -> 0.001",
                "fit.robust: (absent) -> huber",
            ],
            SpecComparison.Differences(Quickstart.Parse(), submitted));
    }
}
