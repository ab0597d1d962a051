using Orchestrator.Numerics.Fitting;
using static Orchestrator.Grains.Telemetry.MetricLabels;

namespace Orchestrator.Grains.Telemetry;

/// <summary>
/// What is published of one optimizer's coefficients against the baseline's at a common exponent: the ratio of A and
/// the shift of E, each under the label <c>quantity</c>, with the spectrum's shared-exponent verdict as a label, since
/// a difference in coefficients describes the data only where that verdict is 'shared'.
/// </summary>
internal sealed record CoefficientShiftFigures(
    string Optimizer, string Baseline, double Spectrum, string Law, string Verdict, IReadOnlyList<NamedEstimate> Quantities)
{
    public static CoefficientShiftFigures Of(CoefficientShift shift) => new(
        shift.Optimizer,
        shift.Baseline,
        shift.Spectrum,
        shift.Law,
        shift.Verdict,
        [
            new NamedEstimate("A_ratio", IntervalEstimate.Of(shift.ARatio, shift.ARatioCiLow, shift.ARatioCiHigh)),
            new NamedEstimate("E_shift", IntervalEstimate.Of(shift.EShift, shift.EShiftCiLow, shift.EShiftCiHigh)),
        ]);

    public KeyValuePair<string, object?>[] Labels(string sweep) =>
    [
        Label("sweep", sweep), Label("optimizer", Optimizer), Label("baseline", Baseline),
        Label("spectrum", FormatSpectrum(Spectrum)), Label("law", Law), Label("verdict", Verdict),
    ];

    public void Validate()
    {
        RequireLabel(Optimizer, nameof(Optimizer));
        RequireLabel(Baseline, nameof(Baseline));
        RequireLabel(Law, nameof(Law));
        RequireLabel(Verdict, nameof(Verdict));
        RequireSpectrum(Spectrum);
    }
}
