using Orchestrator.Numerics.Fitting;

namespace Orchestrator.FitCoverage;

/// <summary>A series' point estimates and its resampled fits under the three schemes.</summary>
internal sealed record SeriesRuns(PowerLawEstimate Power, SaturatingLawEstimate Saturating, ResampledFits Plain, ResampledFits Rescaled, ResampledFits Wild)
{
    public static SeriesRuns Of(SeriesData series, IResampleSource plain, IResampleSource rescaled, IResampleSource wild, FitOptions options) => new(
        PowerLawFitter.Fit(series) ?? throw new InvalidOperationException("the power law could not be fitted"),
        SeriesFitter.SaturatingPointEstimate(series, options),
        ResampledFits.Run(series, plain, options),
        ResampledFits.Run(series, rescaled, options),
        ResampledFits.Run(series, wild, options));
}
