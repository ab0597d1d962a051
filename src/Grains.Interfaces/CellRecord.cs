namespace Orchestrator.Grains;

/// <summary>The durable record of one cell: its definition, every attempt, and the write-once result.</summary>
[GenerateSerializer]
public sealed class CellRecord
{
    [Id(0)] public string CellId { get; set; } = "";
    [Id(1)] public string Definition { get; set; } = "";
    [Id(2)] public CellStatus Status { get; set; } = CellStatus.Pending;
    [Id(3)] public List<CellAttempt> Attempts { get; set; } = [];
    [Id(4)] public CellResult? Result { get; set; }
    [Id(5)] public string? LastError { get; set; }

    public bool IsFinal => Status is CellStatus.Succeeded or CellStatus.Diverged or CellStatus.Failed;
}
