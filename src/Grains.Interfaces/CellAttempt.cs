namespace Orchestrator.Grains;

/// <summary>One try at running a cell.</summary>
[GenerateSerializer]
public sealed class CellAttempt
{
    // Stored as its label, as records written before the enum existed hold it: old and new records read alike.
    [Id(3)] private string _outcome = AttemptOutcome.Running.Label();

    [Id(0)] public string Silo { get; set; } = "";
    [Id(1)] public DateTimeOffset StartedAt { get; set; }
    [Id(2)] public DateTimeOffset? EndedAt { get; set; }
    [Id(4)] public string? Error { get; set; }

    public AttemptOutcome Outcome
    {
        get => AttemptOutcomes.Parse(_outcome);
        set => _outcome = value.Label();
    }
}
