namespace Orchestrator.Specs.Experiments.Command;

/// <summary>
/// A runner produced no result. <see cref="Reason"/> is the whole human explanation (it is the message): what went
/// wrong, naming the runner, then the tail of the child's standard error when it wrote any.
/// </summary>
public sealed class CommandRunFailedException : Exception
{
    public CommandRunFailedException(string runner, CommandFailureKind kind, string summary, int? exitCode = null,
        string? standardErrorTail = null)
        : base(Compose(summary, standardErrorTail))
    {
        Runner = runner;
        Kind = kind;
        Summary = summary;
        ExitCode = exitCode;
        StandardErrorTail = standardErrorTail ?? "";
    }

    /// <summary>The runner's name.</summary>
    public string Runner { get; }

    public CommandFailureKind Kind { get; }

    /// <summary>One line: what went wrong, e.g. <c>runner 'width-model' exited with code 3</c>.</summary>
    public string Summary { get; }

    /// <summary>The exit code, when the process exited on its own.</summary>
    public int? ExitCode { get; }

    /// <summary>The last characters the child wrote to standard error (at most <see cref="CommandCellRunner.StandardErrorTailChars"/>); empty when none.</summary>
    public string StandardErrorTail { get; }

    /// <summary><see cref="Summary"/>, then the standard-error tail when there is one.</summary>
    public string Reason => Message;

    private static string Compose(string summary, string? tail) =>
        string.IsNullOrWhiteSpace(tail) ? summary : $"{summary}; stderr ends with:\n{tail.TrimEnd()}";
}
