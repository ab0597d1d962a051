namespace Orchestrator.Specs;

/// <summary>The outcome of parsing a spec: the validated spec, or the errors (at least one) that refused it.</summary>
public sealed record SpecParseResult(SweepSpec? Spec, IReadOnlyList<SpecError> Errors)
{
    public bool IsValid => Spec is not null && Errors.Count == 0;
}
