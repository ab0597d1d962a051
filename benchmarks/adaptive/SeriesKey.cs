namespace Orchestrator.AdaptiveBenchmark;

/// <summary>One series of a setting: an optimizer at a spectrum.</summary>
internal sealed record SeriesKey(string Optimizer, double Spectrum);
