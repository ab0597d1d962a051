namespace Orchestrator.Grains.Telemetry;

/// <summary>One of several quantities a gauge publishes per series, told apart by a label (a coefficient's name, say).</summary>
internal sealed record NamedEstimate(string Name, IntervalEstimate Value);
