using Orchestrator.Numerics.Fitting;
using static Orchestrator.Grains.Telemetry.MetricLabels;

namespace Orchestrator.Grains.Telemetry;

/// <summary>
/// What is published of one law fitted to one series (an optimizer at a spectrum): α, the coefficients, the holdout
/// check and the flags, labelled <c>sweep</c>, <c>optimizer</c>, <c>spectrum</c>, <c>law</c>. A refit replaces it whole.
/// </summary>
internal sealed record SeriesFigures
{
    public required string Optimizer { get; init; }
    public required double Spectrum { get; init; }
    public required string Law { get; init; }
    public required IntervalEstimate Alpha { get; init; }

    /// <summary>The time exponent β of the size × time law; not published (NaN) for the laws in size alone.</summary>
    public IntervalEstimate Beta { get; init; } = IntervalEstimate.Of(null, null, null);

    /// <summary>The law's coefficients, each under the label <c>coefficient</c> (its name: E, A, and B for size × time).</summary>
    public IReadOnlyList<NamedEstimate> Coefficients { get; init; } = [];

    /// <summary>ln(observed) − ln(predicted) at the held-out largest size; NaN (not published) without a holdout.</summary>
    public double HoldoutLogError { get; init; } = double.NaN;

    /// <summary>The fit's flags, each one of <see cref="FitFlagLabels.All"/> and each once.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    public static SeriesFigures Of(SeriesFit fit) => new()
    {
        Optimizer = fit.Optimizer,
        Spectrum = fit.Spectrum,
        Law = fit.Law,
        Alpha = IntervalEstimate.Of(fit.Alpha, fit.AlphaCiLow, fit.AlphaCiHigh),
        Coefficients =
        [
            new NamedEstimate("E", IntervalEstimate.Of(fit.E, fit.ECiLow, fit.ECiHigh)),
            new NamedEstimate("A", IntervalEstimate.Of(fit.A, fit.ACiLow, fit.ACiHigh)),
        ],
        HoldoutLogError = fit.HoldoutLogError ?? double.NaN,
        Flags = FitFlagLabels.Known(fit.Flags),
    };

    /// <summary>The size × time law L = E + A·N^-α + B·τ^-β of one series, under the law <c>size-time</c>.</summary>
    public static SeriesFigures Of(SizeTimeFit fit) => new()
    {
        Optimizer = fit.Optimizer,
        Spectrum = fit.Spectrum,
        Law = LawNames.SizeTime,
        Alpha = IntervalEstimate.Of(fit.Alpha, fit.AlphaCiLow, fit.AlphaCiHigh),
        Beta = IntervalEstimate.Of(fit.Beta, fit.BetaCiLow, fit.BetaCiHigh),
        Coefficients =
        [
            new NamedEstimate("E", IntervalEstimate.Of(fit.E, fit.ECiLow, fit.ECiHigh)),
            new NamedEstimate("A", IntervalEstimate.Of(fit.A, fit.ACiLow, fit.ACiHigh)),
            new NamedEstimate("B", IntervalEstimate.Of(fit.B, fit.BCiLow, fit.BCiHigh)),
        ],
        Flags = FitFlagLabels.Known(fit.Flags),
    };

    public KeyValuePair<string, object?>[] Labels(string sweep) =>
        [Label("sweep", sweep), Label("optimizer", Optimizer), Label("spectrum", FormatSpectrum(Spectrum)), Label("law", Law)];

    public void Validate()
    {
        RequireLabel(Optimizer, nameof(Optimizer));
        RequireLabel(Law, nameof(Law));
        RequireSpectrum(Spectrum);
    }
}
