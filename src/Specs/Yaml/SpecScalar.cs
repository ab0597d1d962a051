namespace Orchestrator.Specs.Yaml;

/// <summary>A scalar as written. <see cref="IsNull"/> is YAML's null (an unquoted empty, <c>~</c> or <c>null</c>).</summary>
public sealed record SpecScalar(string Text, bool IsNull, int Line, int Column) : SpecNode(Line, Column)
{
    public override string Describe() => IsNull ? "nothing" : $"'{Text}'";
}
