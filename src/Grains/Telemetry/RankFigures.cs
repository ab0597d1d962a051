using Orchestrator.Numerics.SpectralRank.Fitting;
using static Orchestrator.Grains.Telemetry.MetricLabels;

namespace Orchestrator.Grains.Telemetry;

/// <summary>
/// What is published of one rank law (rank ∝ size^β): its exponent β, labelled <c>sweep</c>, <c>optimizer</c>,
/// <c>spectrum</c>, <c>bucket</c> and <c>kind</c>.
/// </summary>
internal sealed record RankFigures(string Optimizer, double Spectrum, string Bucket, string Kind, IntervalEstimate Beta)
{
    public static RankFigures Of(RankFit fit) =>
        new(fit.Optimizer, fit.Spectrum, fit.Bucket, fit.Kind, IntervalEstimate.Of(fit.Beta, fit.BetaCiLow, fit.BetaCiHigh));

    public KeyValuePair<string, object?>[] Labels(string sweep) =>
    [
        Label("sweep", sweep), Label("optimizer", Optimizer), Label("spectrum", FormatSpectrum(Spectrum)),
        Label("bucket", Bucket), Label("kind", Kind),
    ];

    public void Validate()
    {
        RequireLabel(Optimizer, nameof(Optimizer));
        RequireLabel(Bucket, nameof(Bucket));
        RequireLabel(Kind, nameof(Kind));
        RequireSpectrum(Spectrum);
    }
}
