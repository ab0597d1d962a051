namespace Orchestrator.Grains;

[GenerateSerializer]
public enum SubmitKind
{
    /// <summary>A new sweep was stored and started.</summary>
    Started,
    /// <summary>An identical spec was stored already: the caller follows the existing sweep.</summary>
    Attached,
    /// <summary>A different spec is stored under this name; nothing was changed.</summary>
    Conflict,

    /// <summary>The cluster cannot run this spec (an undeclared runner, a refused option); nothing was stored.</summary>
    Rejected,
}
