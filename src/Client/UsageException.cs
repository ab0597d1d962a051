namespace Orchestrator.Client;

/// <summary>Bad input found while running a command; printed as it is, with exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
