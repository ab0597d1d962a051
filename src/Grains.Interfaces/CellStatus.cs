namespace Orchestrator.Grains;

/// <summary>Where one cell stands. A diverged run is a finished result, not a failure.</summary>
[GenerateSerializer]
public enum CellStatus
{
    Pending,
    Running,
    Succeeded,
    Diverged,
    Failed,
}
