namespace Orchestrator.Specs.Yaml;

/// <summary>
/// A node of a parsed document (YAML or canonical JSON), reduced to what validation needs: scalars, sequences and
/// mappings with their source position. Anchors, aliases and tags never reach this tree.
/// </summary>
public abstract record SpecNode(int Line, int Column)
{
    /// <summary>A short word for messages: "a list", "a mapping", "a value".</summary>
    public abstract string Describe();
}
