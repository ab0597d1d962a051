using System.CommandLine;

namespace Orchestrator.Client.Commands;

/// <summary><c>orchestrator db init</c>: applies the PostgreSQL schema and stored queries; running it twice is harmless.</summary>
public static class DbCommand
{
    public static Command Create()
    {
        var init = new Command("init", "Create or update the cluster database's schema (idempotent)");
        init.SetAction(async (parse, cancellationToken) =>
        {
            // Only a cluster's database has a schema to apply ahead; without --db the backend refuses, naming the flag.
            var storage = CommonOptions.Connection(parse).Storage();
            await storage.InitializeSchemaAsync(cancellationToken);
            Console.WriteLine($"Schema ready on {storage.Location}");
            return ExitCodes.Ok;
        });
        init.WithExamples(
            "orchestrator db init --db 'Host=localhost;Username=orchestrator;Password=...;Database=orchestrator'",
            "ORCHESTRATOR_DB='Host=db;Username=orchestrator;Password=...' orchestrator db init");
        return new Command("db", "Manage the cluster database") { init }.WithExamples("orchestrator db init --db CONNECTION");
    }
}
