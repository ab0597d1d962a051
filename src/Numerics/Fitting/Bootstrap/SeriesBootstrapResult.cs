namespace Orchestrator.Numerics.Fitting;

/// <summary>Percentile intervals of a series' cluster bootstrap, and how many resamples gave an estimate.</summary>
internal sealed record SeriesBootstrapResult(
    int Requested,
    int PowerValid,
    PercentileInterval PowerAlpha,
    PercentileInterval PowerCoefficient,
    int SaturatingValid,
    PercentileInterval SaturatingAlpha,
    PercentileInterval SaturatingE,
    PercentileInterval SaturatingA);
