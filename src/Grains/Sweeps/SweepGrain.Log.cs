using Microsoft.Extensions.Logging;

namespace Orchestrator.Grains.Sweeps;

/// <summary>A sweep's log messages.</summary>
public sealed partial class SweepGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {Sweep}: started with {Total} cells")]
    private partial void LogStarted(string sweep, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {Sweep}: grown by {Added} cells to {Total}")]
    private partial void LogGrown(string sweep, int added, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {Sweep}: {State} ({Done} done, {Failed} failed)")]
    private partial void LogFinished(string sweep, SweepState state, int done, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {Sweep}: cancelled; {Running} cells still running")]
    private partial void LogCancelled(string sweep, int running);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {Sweep}: its resume reminder was missing and is registered again")]
    private partial void LogReminderRestored(string sweep);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {Sweep}: could not make sure of its resume reminder; it will try again")]
    private partial void LogReminderFailed(Exception exception, string sweep);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {Sweep}: could not reach cell {CellId}; it will be asked again")]
    private partial void LogAskFailed(Exception exception, string sweep, string cellId);
}
