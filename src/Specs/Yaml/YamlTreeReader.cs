using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Orchestrator.Specs.Yaml;

/// <summary>
/// Reads YAML text into a <see cref="SpecNode"/> tree from the parser's event stream, so that every limit is checked
/// before anything is built: nesting depth is bounded and anchors/aliases are refused outright (no alias expansion,
/// hence no "billion laughs"). Never throws; problems go to the error list with path <c>(yaml)</c>.
/// </summary>
public static class YamlTreeReader
{
    private const string YamlPath = "(yaml)";

    public static SpecNode? Read(string text, SpecLimits limits, List<SpecError> errors)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                errors.Add(new SpecError("(spec)", "the spec is empty"));
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, depth: 1, limits, errors);
            if (root is null)
            {
                return null;
            }

            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var next = parser.Current!;
                errors.Add(new SpecError(YamlPath, $"{At(next.Start)}: a spec is a single YAML document; found a second one"));
                return null;
            }

            return root;
        }
        catch (YamlException e)
        {
            errors.Add(new SpecError(YamlPath, $"{At(e.Start)}: {Clean(e.Message)}"));
            return null;
        }
    }

    private static SpecNode? ReadNode(IParser parser, int depth, SpecLimits limits, List<SpecError> errors)
    {
        var current = parser.Current!;
        if (current is AnchorAlias)
        {
            errors.Add(new SpecError(YamlPath, $"{At(current.Start)}: aliases (*name) are not supported; write the value out"));
            return null;
        }

        if (current is NodeEvent { Anchor.IsEmpty: false })
        {
            errors.Add(new SpecError(YamlPath, $"{At(current.Start)}: anchors (&name) are not supported; write the value out"));
            return null;
        }

        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return new SpecScalar(scalar.Value, IsNull(scalar), Line(scalar.Start), Column(scalar.Start));

            case SequenceStart or MappingStart when depth > limits.MaxDepth:
                errors.Add(new SpecError(YamlPath, $"{At(current.Start)}: nested deeper than {limits.MaxDepth} levels"));
                return null;

            case SequenceStart:
            {
                parser.MoveNext();
                var items = new List<SpecNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    var item = ReadNode(parser, depth + 1, limits, errors);
                    if (item is null)
                    {
                        return null;
                    }

                    items.Add(item);
                }

                return new SpecSequence(items, Line(current.Start), Column(current.Start));
            }

            case MappingStart:
            {
                parser.MoveNext();
                var entries = new List<KeyValuePair<string, SpecNode>>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = parser.Current!;
                    var key = ReadNode(parser, depth + 1, limits, errors);
                    if (key is null)
                    {
                        return null;
                    }

                    if (key is not SpecScalar keyScalar)
                    {
                        errors.Add(new SpecError(YamlPath, $"{At(keyEvent.Start)}: a key must be a plain value, not {key.Describe()}"));
                        return null;
                    }

                    if (!seen.Add(keyScalar.Text))
                    {
                        errors.Add(new SpecError(YamlPath, $"{At(keyEvent.Start)}: duplicate key '{keyScalar.Text}'"));
                        return null;
                    }

                    var value = ReadNode(parser, depth + 1, limits, errors);
                    if (value is null)
                    {
                        return null;
                    }

                    entries.Add(new(keyScalar.Text, value));
                }

                return new SpecMapping(entries, Line(current.Start), Column(current.Start));
            }

            default:
                errors.Add(new SpecError(YamlPath, $"{At(current.Start)}: unexpected {current.GetType().Name}"));
                return null;
        }
    }

    private static bool IsNull(Scalar scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    private static int Line(Mark mark) => (int)Math.Min(mark.Line, int.MaxValue);

    private static int Column(Mark mark) => (int)Math.Min(mark.Column, int.MaxValue);

    private static string At(Mark mark) => $"line {mark.Line}, column {mark.Column}";

    // YamlDotNet prefixes messages with "(Line: x, Col: y, Idx: z) - (Line: ...): "; the position is already given.
    private static string Clean(string message)
    {
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }
}
