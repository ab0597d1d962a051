using System.Text.RegularExpressions;
using Orchestrator.Specs.Values;

namespace Orchestrator.Specs.Experiments;

/// <summary>Readers of <c>grid.optimizer</c> values.</summary>
public static partial class OptimizerName
{
    /// <summary>One of <paramref name="names"/>; the error lists them.</summary>
    public static Func<string, ScalarOutcome> OneOf(IReadOnlyList<string> names) =>
        text => names.Contains(text, StringComparer.Ordinal)
            ? ScalarOutcome.Ok(SettingValue.FromText(text))
            : ScalarOutcome.Fail($"unknown optimizer '{text}'; known: {string.Join(", ", names)}");

    /// <summary>
    /// Any label of lowercase letters, digits, '-', '_' and '.' (at most 64 characters), for experiments whose
    /// optimizer is whatever the researcher's code calls it.
    /// </summary>
    public static ScalarOutcome Label(string text) =>
        LabelPattern().IsMatch(text)
            ? ScalarOutcome.Ok(SettingValue.FromText(text))
            : ScalarOutcome.Fail($"'{text}' is not an optimizer label: use 1 to 64 lowercase letters, digits, '-', '_' or '.'");

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9._-]{0,63}\z")]
    private static partial Regex LabelPattern();
}
