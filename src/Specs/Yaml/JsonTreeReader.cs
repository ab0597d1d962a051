using System.Text.Json;

namespace Orchestrator.Specs.Yaml;

/// <summary>
/// Reads JSON (the canonical forms this library writes) into a <see cref="SpecNode"/> tree, so that canonical JSON
/// goes through exactly the validation a YAML spec goes through. Numbers keep their literal text.
/// </summary>
public static class JsonTreeReader
{
    /// <summary>Throws <see cref="JsonException"/> on malformed JSON.</summary>
    public static SpecNode Read(string json, int maxDepth)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = maxDepth + 1 });
        return Convert(document.RootElement);
    }

    private static SpecNode Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new SpecMapping(
            element.EnumerateObject().Select(p => new KeyValuePair<string, SpecNode>(p.Name, Convert(p.Value))).ToList(),
            0, 0),
        JsonValueKind.Array => new SpecSequence(element.EnumerateArray().Select(Convert).ToList(), 0, 0),
        JsonValueKind.String => new SpecScalar(element.GetString()!, IsNull: false, 0, 0),
        JsonValueKind.Null => new SpecScalar("", IsNull: true, 0, 0),
        _ => new SpecScalar(element.GetRawText(), IsNull: false, 0, 0),
    };
}
