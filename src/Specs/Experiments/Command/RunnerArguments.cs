using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Specs.Experiments.Command;

/// <summary>
/// Fills a runner's argument template for one cell. A placeholder is <c>{name}</c> with a name of letters, digits,
/// <c>_</c>, <c>.</c> and <c>-</c> (starting with a letter or <c>_</c>): <c>{optimizer}</c>, <c>{spectrum}</c>,
/// <c>{size}</c>, <c>{seed}</c>, <c>{cell_id}</c>, or the name of any setting of the cell. Numbers are written in the
/// invariant culture, reals in "R" form (<c>1.5</c>, <c>1</c>, <c>0.001</c>). Any other text — a brace not around a
/// name, e.g. <c>{"a": 1}</c> — stays as written, and each element stays one argument however many spaces it holds.
/// </summary>
public static partial class RunnerArguments
{
    /// <summary>The placeholders every cell fills, whatever its settings.</summary>
    public static readonly IReadOnlyList<string> AxisPlaceholders = ["optimizer", "spectrum", "size", "seed", "cell_id"];

    /// <summary>
    /// The argv entries for <paramref name="invocation"/>, one per template element. Axis values win over a setting
    /// of the same name. Throws <see cref="CommandRunFailedException"/> (<see cref="CommandFailureKind.StartFailed"/>)
    /// when an element names neither an axis nor a setting.
    /// </summary>
    public static IReadOnlyList<string> Expand(RunnerDefinition runner, CommandInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(invocation);
        var arguments = new List<string>(runner.Arguments.Count);
        for (var i = 0; i < runner.Arguments.Count; i++)
        {
            var element = runner.Arguments[i];
            string? unknown = null;
            var expanded = Placeholder().Replace(element, match =>
            {
                var name = match.Groups[1].Value;
                var value = ValueOf(name, invocation);
                unknown ??= value is null ? name : null;
                return value ?? match.Value;
            });
            if (unknown is not null)
            {
                var known = AxisPlaceholders.Concat(invocation.Settings.Keys.Order(StringComparer.Ordinal));
                throw new CommandRunFailedException(runner.Name, CommandFailureKind.StartFailed,
                    $"runner '{runner.Name}' argument {i} ('{element}') names {{{unknown}}}, which is neither an axis " +
                    $"nor a setting of the cell (known: {string.Join(", ", known)})");
            }

            // A setting's text could smuggle a NUL in, which argv cannot carry.
            if (expanded.Contains('\0', StringComparison.Ordinal))
            {
                throw new CommandRunFailedException(runner.Name, CommandFailureKind.StartFailed,
                    $"runner '{runner.Name}' argument {i} ('{element}') would contain a NUL character");
            }

            arguments.Add(expanded);
        }

        return arguments;
    }

    /// <summary>The placeholder names in one template element, in order (repeats included).</summary>
    public static IReadOnlyList<string> PlaceholdersIn(string element) =>
        Placeholder().Matches(element).Select(m => m.Groups[1].Value).ToList();

    private static string? ValueOf(string name, CommandInvocation invocation) => name switch
    {
        "optimizer" => invocation.Optimizer,
        "spectrum" => invocation.Spectrum.ToString("R", CultureInfo.InvariantCulture),
        "size" => invocation.Size.ToString(CultureInfo.InvariantCulture),
        "seed" => invocation.Seed.ToString(CultureInfo.InvariantCulture),
        "cell_id" => invocation.CellId,
        _ => invocation.Settings.TryGetValue(name, out var value) ? value : null,
    };

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_.\-]*)\}")]
    private static partial Regex Placeholder();
}
