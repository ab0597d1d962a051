namespace Orchestrator.Grains.Telemetry;

/// <summary>Identifies one fitted rank law: a sweep's optimizer at one spectrum exponent, for one bucket and rank kind.</summary>
internal readonly record struct RankSeries(string Sweep, string Optimizer, double Spectrum, string Bucket, string Kind);
