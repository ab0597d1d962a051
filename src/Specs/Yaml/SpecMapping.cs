namespace Orchestrator.Specs.Yaml;

/// <summary>A mapping with scalar keys, in document order; keys are unique (the reader refuses duplicates).</summary>
public sealed record SpecMapping(IReadOnlyList<KeyValuePair<string, SpecNode>> Entries, int Line, int Column)
    : SpecNode(Line, Column)
{
    public override string Describe() => "a mapping";
}
