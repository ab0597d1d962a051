using System.Text.RegularExpressions;
using Orchestrator.Specs.Values;
using Orchestrator.Specs.Yaml;

namespace Orchestrator.Specs.Validation;

/// <summary>
/// Reading of document nodes with error reporting: mappings with allowed keys, single values, lists of values. Each
/// problem becomes one <see cref="SpecError"/> at the node's path; the readers return what was valid.
/// </summary>
internal static partial class NodeReader
{
    /// <summary>
    /// The valid, distinct values of a list (all of them when the list is fine); each problem is reported. A list that
    /// is empty, too long or not a list gives no values.
    /// </summary>
    public static List<Located<SettingValue>> ReadAxis(SpecNode node, string path, Func<string, ScalarOutcome> read,
        SpecLimits limits, List<SpecError> errors)
    {
        if (node is not SpecSequence sequence)
        {
            errors.Add(new SpecError(path, $"must be a list, e.g. [a, b], got {node.Describe()}"));
            return [];
        }

        if (sequence.Items.Count == 0)
        {
            errors.Add(new SpecError(path, "must not be empty"));
            return [];
        }

        if (sequence.Items.Count > limits.MaxAxisLength)
        {
            errors.Add(new SpecError(path,
                $"has {sequence.Items.Count} values; the limit is {limits.MaxAxisLength} per axis"));
            return [];
        }

        var values = new List<Located<SettingValue>>(sequence.Items.Count);
        var firstPathOf = new Dictionary<SettingValue, string>();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (ReadScalar(sequence.Items[i], itemPath, read, errors) is not { } value)
            {
                continue;
            }

            if (!firstPathOf.TryAdd(value, itemPath))
            {
                errors.Add(new SpecError(itemPath, $"duplicate value {value} (also at {firstPathOf[value]})"));
                continue;
            }

            values.Add(new(value, itemPath));
        }

        return values;
    }

    /// <summary>
    /// The entries of a mapping by key; reports keys outside <paramref name="allowed"/> (null: any key allowed).
    /// </summary>
    public static Dictionary<string, SpecNode> Fields(SpecMapping? mapping, string path, IReadOnlyList<string>? allowed,
        List<SpecError> errors)
    {
        var fields = new Dictionary<string, SpecNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping?.Entries ?? [])
        {
            if (allowed is not null && !allowed.Contains(key))
            {
                var keyPath = path.Length == 0 ? PathKey(key) : $"{path}.{PathKey(key)}";
                errors.Add(new SpecError(keyPath, $"unknown key; expected one of {string.Join(", ", allowed)}"));
                continue;
            }

            fields[key] = value;
        }

        return fields;
    }

    /// <summary>A mapping, or null with an error; YAML null (an empty section) reads as an empty mapping.</summary>
    public static SpecMapping? AsMapping(SpecNode node, string path, List<SpecError> errors)
    {
        switch (node)
        {
            case SpecMapping mapping:
                return mapping;
            case SpecScalar { IsNull: true }:
                return new SpecMapping([], node.Line, node.Column);
            default:
                errors.Add(new SpecError(path, $"must be a mapping of keys to values, got {node.Describe()}"));
                return null;
        }
    }

    public static string? ReadText(SpecNode node, string path, List<SpecError> errors)
    {
        switch (node)
        {
            case SpecScalar { IsNull: false } scalar:
                return scalar.Text;
            case SpecScalar:
                errors.Add(new SpecError(path, "a value is required"));
                return null;
            default:
                errors.Add(new SpecError(path, $"must be a single value, got {node.Describe()}"));
                return null;
        }
    }

    public static SettingValue? ReadScalar(SpecNode node, string path, Func<string, ScalarOutcome> read,
        List<SpecError> errors)
    {
        var text = ReadText(node, path, errors);
        if (text is null)
        {
            return null;
        }

        var outcome = read(text);
        if (outcome.Error is { } error)
        {
            errors.Add(new SpecError(path, Shorten(error)));
        }

        return outcome.Value;
    }

    // A key as it appears in a path: as written when it is a plain word, quoted otherwise (e.g. an empty key).
    public static string PathKey(string key) =>
        PlainKeyPattern().IsMatch(key) ? key : $"'{Shorten(key)}'";

    // Messages quote user input; keep a pasted megabyte from becoming a megabyte of stderr.
    public static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    // \A and \z, not ^ and $: '$' also matches before a final newline.
    [GeneratedRegex(@"\A[A-Za-z0-9_-]+\z")]
    private static partial Regex PlainKeyPattern();
}
