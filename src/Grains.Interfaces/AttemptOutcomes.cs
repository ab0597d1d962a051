namespace Orchestrator.Grains;

/// <summary>The words of <see cref="AttemptOutcome"/>: stored, exported and used as telemetry labels.</summary>
public static class AttemptOutcomes
{
    private static readonly string[] Labels =
        Enum.GetValues<AttemptOutcome>().Select(o => o.ToString().ToLowerInvariant()).ToArray();

    /// <summary>Every label, in enum order.</summary>
    public static IReadOnlyList<string> All => Labels;

    /// <summary><c>running</c>, <c>succeeded</c>, <c>diverged</c>, <c>failed</c>, <c>abandoned</c> or <c>cancelled</c>.</summary>
    public static string Label(this AttemptOutcome outcome) => Labels[(int)outcome];

    /// <summary>The outcome of a stored label; throws <see cref="FormatException"/> for an unknown word.</summary>
    public static AttemptOutcome Parse(string label)
    {
        var index = Array.IndexOf(Labels, label);
        return index >= 0 ? (AttemptOutcome)index : throw new FormatException($"unknown attempt outcome '{label}'");
    }

    /// <summary>True for the outcomes that end a cell: it ran to a result or failed.</summary>
    public static bool IsFinal(this AttemptOutcome outcome) =>
        outcome is AttemptOutcome.Succeeded or AttemptOutcome.Diverged or AttemptOutcome.Failed;
}
