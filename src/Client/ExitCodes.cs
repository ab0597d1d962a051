namespace Orchestrator.Client;

/// <summary>The CLI's exit codes: scripts rely on them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    /// <summary>Bad input: a spec, a flag or a name that cannot be used. Nothing was stored.</summary>
    public const int BadInput = 2;
}
