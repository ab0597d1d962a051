namespace Orchestrator.Specs;

/// <summary>
/// One problem with a spec: the field path (e.g. <c>grid.size[2]</c>, <c>(yaml)</c>, <c>(file)</c>) and what is wrong.
/// <see cref="ToString"/> is the line <c>orchestrator validate</c> prints.
/// </summary>
public sealed record SpecError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
