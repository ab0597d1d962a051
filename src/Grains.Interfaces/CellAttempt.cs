namespace Orchestrator.Grains;

/// <summary>
/// One try at running a cell. <see cref="Outcome"/> is <c>running</c>, <c>succeeded</c>, <c>diverged</c>, <c>failed</c>
/// or <c>abandoned</c> (its silo stopped before it ended).
/// </summary>
[GenerateSerializer]
public sealed class CellAttempt
{
    [Id(0)] public string Silo { get; set; } = "";
    [Id(1)] public DateTimeOffset StartedAt { get; set; }
    [Id(2)] public DateTimeOffset? EndedAt { get; set; }
    [Id(3)] public string Outcome { get; set; } = "running";
    [Id(4)] public string? Error { get; set; }
}
