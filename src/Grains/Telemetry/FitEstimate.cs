namespace Orchestrator.Grains.Telemetry;

/// <summary>A fitted exponent α with the bounds of its 95% interval.</summary>
internal readonly record struct FitEstimate(double Alpha, double Low, double High);
