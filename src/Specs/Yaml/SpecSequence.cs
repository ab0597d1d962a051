namespace Orchestrator.Specs.Yaml;

/// <summary>A list of nodes, in document order.</summary>
public sealed record SpecSequence(IReadOnlyList<SpecNode> Items, int Line, int Column) : SpecNode(Line, Column)
{
    public override string Describe() => "a list";
}
