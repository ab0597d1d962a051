namespace Orchestrator.Grains.Aggregation;

/// <summary>A series: one optimizer at one spectrum, everything else fixed.</summary>
public readonly record struct SeriesKey(string Optimizer, double Spectrum);
