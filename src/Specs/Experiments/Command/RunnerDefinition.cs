using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Specs.Experiments.Command;

/// <summary>
/// One runner a silo declares: the program a <c>command</c> cell starts and how. A spec only names a runner, so the
/// executable, its argument template, its working directory and the environment it sees are the silo's choice alone.
/// </summary>
/// <param name="Name">The name specs use: lowercase letters, digits, <c>-</c> and <c>_</c>.</param>
/// <param name="Executable">
/// A path (absolute, or relative to <paramref name="WorkingDirectory"/>, else to the silo's current folder) when it
/// contains a <c>/</c>; otherwise a name looked up on the silo's <c>PATH</c>.
/// </param>
/// <param name="Arguments">
/// The argument template: each element becomes exactly one argv entry (no shell, no splitting), with each
/// placeholder <c>{name}</c> replaced (see <see cref="RunnerArguments"/>); other text, braces included, is literal.
/// </param>
/// <param name="WorkingDirectory">The child's current folder; null for the silo's.</param>
/// <param name="Timeout">Wall-clock limit of one run; the whole process tree is killed past it.</param>
/// <param name="AllowedEnvironment">
/// Variables passed through from the silo's environment. The child sees only these, <c>PATH</c>, <c>HOME</c>,
/// <c>LANG</c>, <c>ORCHESTRATOR_CELL_ID</c> and <c>ORCHESTRATOR_SEED</c>: secrets in the silo's environment stay there.
/// </param>
public sealed partial record RunnerDefinition(
    string Name,
    string Executable,
    IReadOnlyList<string> Arguments,
    string? WorkingDirectory,
    TimeSpan Timeout,
    IReadOnlyList<string> AllowedEnvironment)
{
    /// <summary>The longest timeout: a month, well inside what a cancellation timer can hold.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(30);

    /// <summary>Variables every child sees (when the silo has them), whatever the runner allows.</summary>
    public static readonly IReadOnlyList<string> BaseEnvironment = ["PATH", "HOME", "LANG"];

    /// <summary>The cell id, set by the runner for the child.</summary>
    public const string CellIdVariable = "ORCHESTRATOR_CELL_ID";

    /// <summary>The cell's seed, set by the runner for the child.</summary>
    public const string SeedVariable = "ORCHESTRATOR_SEED";

    /// <summary>The configuration key of <see cref="Timeout"/>, in seconds.</summary>
    public const string TimeoutKey = "TimeoutSeconds";

    /// <summary>
    /// Every problem with <paramref name="runner"/>, each as <c>Runners:NAME:KEY: what is wrong</c> (the configuration
    /// path of the value to fix), e.g. <c>Runners:width-model:Executable: required</c>; empty when it can run.
    /// Checks the declaration only: whether the executable and folder exist is known when a cell starts.
    /// </summary>
    public static IReadOnlyList<string> Validate(RunnerDefinition runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var errors = new List<string>();
        var path = PathOf(runner.Name);
        if (string.IsNullOrEmpty(runner.Name))
        {
            errors.Add($"{path}: a runner needs a name");
        }
        else if (!NamePattern().IsMatch(runner.Name))
        {
            errors.Add($"{path}: a runner name is lowercase letters, digits, '-' and '_', starting with a letter or digit");
        }

        if (string.IsNullOrWhiteSpace(runner.Executable))
        {
            errors.Add($"{path}:Executable: required");
        }
        else if (runner.Executable.Any(char.IsControl))
        {
            errors.Add($"{path}:Executable: must not contain control characters");
        }

        if (runner.Arguments is null)
        {
            errors.Add($"{path}:Arguments: required (an empty list is fine)");
        }
        else
        {
            for (var i = 0; i < runner.Arguments.Count; i++)
            {
                var argument = runner.Arguments[i];
                // A NUL cannot cross into argv: the child would see the argument cut short.
                if (argument is null || argument.Contains('\0', StringComparison.Ordinal))
                {
                    errors.Add($"{path}:Arguments:{i}: {(argument is null ? "missing" : "must not contain a NUL character")}");
                }
            }
        }

        if (runner.WorkingDirectory is { } folder && (folder.Length == 0 || folder.Any(char.IsControl)))
        {
            errors.Add($"{path}:WorkingDirectory: must be a folder path (omit it for the silo's current folder)");
        }

        if (runner.Timeout <= TimeSpan.Zero || runner.Timeout > MaxTimeout)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{path}:{TimeoutKey}: must be positive and at most {MaxTimeout.TotalSeconds:0} (30 days), got {runner.Timeout.TotalSeconds:R}"));
        }

        if (runner.AllowedEnvironment is null)
        {
            errors.Add($"{path}:AllowedEnvironment: required (an empty list is fine)");
        }
        else
        {
            for (var i = 0; i < runner.AllowedEnvironment.Count; i++)
            {
                var variable = runner.AllowedEnvironment[i];
                if (variable is null || !VariablePattern().IsMatch(variable))
                {
                    errors.Add($"{path}:AllowedEnvironment:{i}: expected a variable name (letters, digits, '_'), got '{variable}'");
                }
                else if (variable is CellIdVariable or SeedVariable)
                {
                    errors.Add($"{path}:AllowedEnvironment:{i}: {variable} is set by the runner itself");
                }
            }
        }

        return errors;
    }

    /// <summary>The configuration path of a runner, e.g. <c>Runners:width-model</c>.</summary>
    internal static string PathOf(string? name) =>
        $"{RunnerCatalog.Section}:{(string.IsNullOrEmpty(name) ? "(unnamed)" : name)}";

    /// <summary>True for a runner name: lowercase letters, digits, '-' and '_', starting with a letter or digit.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    // \A and \z, not ^ and $: '$' also matches before a final newline.
    [GeneratedRegex(@"\A[a-z0-9][a-z0-9_-]*\z")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\A[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex VariablePattern();
}
