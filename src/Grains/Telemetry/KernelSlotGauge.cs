namespace Orchestrator.Grains.Telemetry;

/// <summary>Reads a silo's busy kernel slots on demand; the total is fixed when the silo starts.</summary>
internal sealed record KernelSlotGauge(Func<int> Busy, int Total);
