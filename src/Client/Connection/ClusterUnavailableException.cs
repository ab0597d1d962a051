namespace Orchestrator.Client.Connection;

/// <summary>The cluster could not be reached (exit code 1). The message never holds a password.</summary>
public sealed class ClusterUnavailableException(string message, Exception inner) : Exception(message, inner);
