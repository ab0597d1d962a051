namespace Orchestrator.Specs.Experiments.Command;

/// <summary>Why a runner produced no result; see <see cref="CommandRunFailedException.Reason"/> for the details.</summary>
public enum CommandFailureKind
{
    /// <summary>The process never started: executable or folder missing, not executable, or an unknown placeholder.</summary>
    StartFailed,

    /// <summary>Standard output broke the protocol: a line that is not a progress or result object, or a line after the result.</summary>
    BadOutput,

    /// <summary>The process exited with a code other than 0.</summary>
    NonZeroExit,

    /// <summary>The process exited with 0 but printed no final line, or left a process holding its output open.</summary>
    NoResult,

    /// <summary>The run outlived the runner's timeout; its process tree was killed.</summary>
    TimedOut,
}
