namespace Orchestrator.Grains.Telemetry;

/// <summary>One sweep's cell counts by state and its estimated time to completion, as last reported.</summary>
internal sealed record SweepProgress(int Pending, int Running, int Done, int Failed, int Diverged, double? EtaSeconds);
