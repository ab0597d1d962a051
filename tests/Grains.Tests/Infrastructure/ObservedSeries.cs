namespace Orchestrator.Grains.Tests.Infrastructure;

/// <summary>One series a gauge published at an observation: its instrument, value and labels.</summary>
public sealed record ObservedSeries(string Instrument, double Value, IReadOnlyDictionary<string, string> Labels);
