using System.CommandLine;
using Orchestrator.Silo.Storage;

namespace Orchestrator.Client.Commands;

/// <summary><c>orchestrator db init</c>: applies the PostgreSQL schema and stored queries; running it twice is harmless.</summary>
public static class DbCommand
{
    public static Command Create()
    {
        var init = new Command("init", "Create or update the cluster database's schema (idempotent)");
        init.SetAction(async (parse, cancellationToken) =>
        {
            var settings = CommonOptions.Connection(parse);
            if (settings.IsEmbedded)
            {
                throw new UsageException("--db: give the PostgreSQL connection string (or set ORCHESTRATOR_DB)");
            }

            await PostgresDatabase.InitializeAsync(settings.Database!, cancellationToken);
            Console.WriteLine($"Schema ready on {PostgresDatabase.Redact(settings.Database!)}");
            return ExitCodes.Ok;
        });
        init.WithExamples(
            "orchestrator db init --db 'Host=localhost;Username=orchestrator;Password=...;Database=orchestrator'",
            "ORCHESTRATOR_DB='Host=db;Username=orchestrator;Password=...' orchestrator db init");
        return new Command("db", "Manage the cluster database") { init }.WithExamples("orchestrator db init --db CONNECTION");
    }
}
