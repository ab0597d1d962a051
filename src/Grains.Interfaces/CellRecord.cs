namespace Orchestrator.Grains;

/// <summary>The durable record of one cell: its definition, every attempt, and the write-once result.</summary>
[GenerateSerializer]
public sealed class CellRecord : IConflictResolvingState<CellRecord>
{
    [Id(0)] public string CellId { get; set; } = "";
    [Id(1)] public string Definition { get; set; } = "";
    [Id(2)] public CellStatus Status { get; set; } = CellStatus.Pending;
    [Id(3)] public List<CellAttempt> Attempts { get; set; } = [];
    [Id(4)] public CellResult? Result { get; set; }
    [Id(5)] public string? LastError { get; set; }

    [Id(6)] public Guid WriteId { get; set; }

    public bool IsFinal => Status is CellStatus.Succeeded or CellStatus.Diverged or CellStatus.Failed;

    /// <summary>
    /// The result is write-once: a stored final record is kept, whatever the other writer holds; a record not yet
    /// final is written over, since the other writer's attempts are only a history while this one's may end the cell.
    /// </summary>
    public static CellRecord? Resolve(CellRecord stored, CellRecord mine) => stored.IsFinal ? null : mine;
}
