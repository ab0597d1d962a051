namespace Orchestrator.Hosting.Storage;

/// <summary>
/// The PostgreSQL schema could not be applied: the database is unreachable or refused a script. The message carries
/// the redacted connection string (no password) and the server's own error text.
/// </summary>
public sealed class PostgresSchemaException(string message, Exception innerException) : Exception(message, innerException);
