namespace Orchestrator.Grains;

/// <summary>Lifecycle of a sweep, as the status contract names it.</summary>
[GenerateSerializer]
public enum SweepState
{
    Pending,
    Running,
    Completed,
    Cancelled,
    Failed,
}
