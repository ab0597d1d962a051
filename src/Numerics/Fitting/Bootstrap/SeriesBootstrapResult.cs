namespace Orchestrator.Numerics.Fitting;

/// <summary>Intervals of a series' cluster bootstrap (<see cref="BootstrapInterval"/>), and how many resamples gave an estimate.</summary>
internal sealed record SeriesBootstrapResult(
    int Requested,
    int PowerValid,
    PercentileInterval PowerAlpha,
    PercentileInterval PowerCoefficient,
    int SaturatingValid,
    PercentileInterval SaturatingAlpha,
    PercentileInterval SaturatingE,
    PercentileInterval SaturatingA);
