namespace Orchestrator.Hosting.Storage;

/// <summary>
/// The storage cannot be used as configured: its data folder is held by another process, or a command needs a database
/// and none was given. Bad input (exit code 2); the message names the flag to change.
/// </summary>
public sealed class StorageSettingsException(string message) : Exception(message);
