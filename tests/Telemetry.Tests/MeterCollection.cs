namespace Orchestrator.Telemetry.Tests;

/// <summary>
/// Tests that create an <c>OrchestratorMetrics</c> or a silo run one at a time: an OpenTelemetry meter provider
/// listens to every meter of a name in the process, not to one meter factory's, so two such tests running together
/// would see each other's measurements.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MeterCollection
{
    public const string Name = "meters";
}
