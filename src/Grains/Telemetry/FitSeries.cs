namespace Orchestrator.Grains.Telemetry;

/// <summary>Identifies one fitted series: a sweep's optimizer at one spectrum exponent under one scaling law.</summary>
internal readonly record struct FitSeries(string Sweep, string Optimizer, double Spectrum, string Law);
