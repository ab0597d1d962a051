using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Grains;

/// <summary>
/// How a sweep's results are analysed: the experiment whose analysis runs, and its fit settings (from the spec's
/// <c>fit</c> section; <see cref="Steps"/> is T for experiments whose diagnostics need it). Settings stored before
/// the experiment was recorded read back without it and get the loss fits alone; settings stored before the fixed
/// exponents and the Huber objective existed read back with them null (fitted exponents, least squares).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AggregatorSettings(
    [property: Id(0)] string Baseline,
    [property: Id(1)] int BootstrapResamples,
    [property: Id(2)] int? Steps,
    [property: Id(3)] string? Experiment = null,
    [property: Id(4)] double? FixedAlpha = null,
    [property: Id(5)] double? FixedBeta = null,
    [property: Id(6)] double? HuberDelta = null)
{
    /// <summary>The settings of a sweep whose fit options are <paramref name="fit"/>.</summary>
    public static AggregatorSettings From(FitOptions fit, string experiment) =>
        new(fit.Baseline, fit.BootstrapResamples, fit.Steps, experiment, fit.FixedAlpha, fit.FixedBeta, fit.HuberDelta);

    /// <summary>The fit options these settings stand for (the rest at their defaults).</summary>
    public FitOptions ToFitOptions() => new()
    {
        Baseline = Baseline,
        BootstrapResamples = BootstrapResamples,
        Steps = Steps,
        FixedAlpha = FixedAlpha,
        FixedBeta = FixedBeta,
        HuberDelta = HuberDelta,
    };
}
