using Npgsql;
using Xunit;
using Orchestrator.Integration.Tests.Infrastructure;
using Orchestrator.Hosting.Storage;

namespace Orchestrator.Integration.Tests;

public sealed class SchemaTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Initializing_twice_succeeds_and_leaves_the_queries_unchanged()
    {
        var cs = await server.CreateDatabaseAsync("twice", Ct);

        await PostgresDatabase.InitializeAsync(cs, Ct);
        var first = await OrleansQueries.ReadAsync(cs, Ct);
        await PostgresDatabase.InitializeAsync(cs, Ct);
        var second = await OrleansQueries.ReadAsync(cs, Ct);

        Assert.Equal(first.OrderBy(q => q.Key), second.OrderBy(q => q.Key));
        Assert.Empty(OrleansQueries.RequiredKeys.Except(second.Keys));
    }

    [Fact]
    public async Task Silos_initializing_at_the_same_moment_do_not_race()
    {
        var cs = await server.CreateDatabaseAsync("race", Ct);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresDatabase.InitializeAsync(cs, Ct)));

        var queries = await OrleansQueries.ReadAsync(cs, Ct);
        Assert.Empty(OrleansQueries.RequiredKeys.Except(queries.Keys));
    }

    [Fact]
    public async Task Initializing_keeps_existing_grain_state()
    {
        var cs = await server.CreateDatabaseAsync("keep", Ct);
        await PostgresDatabase.InitializeAsync(cs, Ct);
        await using (var connection = new NpgsqlConnection(cs))
        {
            await connection.OpenAsync(Ct);
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO OrleansStorage (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdKey, GrainIdHash,
                                            GrainTypeHash, PayloadBinary, Version, ModifiedOn)
                VALUES ('svc', 'type', 0, 0, 'key', 0, 0, '\x7b7d', 3, now())
                """, connection);
            await insert.ExecuteNonQueryAsync(Ct);
        }

        await PostgresDatabase.InitializeAsync(cs, Ct);

        Assert.Equal(1, await OrleansQueries.CountAsync(cs, "SELECT count(*) FROM OrleansStorage WHERE Version = 3", Ct));
    }

    [Fact]
    public async Task Initializing_leaves_no_connection_open()
    {
        var cs = await server.CreateDatabaseAsync("no_idle", Ct);

        await PostgresDatabase.InitializeAsync(cs, Ct);

        // Counted from a pool of its own, so an idle connection left in the initialiser's pool is seen.
        var counter = new NpgsqlConnectionStringBuilder(cs) { ApplicationName = "session-count" }.ConnectionString;
        Assert.Equal(1, await PostgresServer.CountSessionsAsync(counter, Ct));
    }

    [Fact]
    public async Task An_unreachable_database_is_reported_without_the_password()
    {
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString)
        {
            Port = FreePorts.Take(),
            Password = "s3cret-pa55",
            Timeout = 2,
        };

        var error = await Assert.ThrowsAsync<PostgresSchemaException>(
            () => PostgresDatabase.InitializeAsync(builder.ConnectionString, Ct));

        Assert.DoesNotContain("s3cret-pa55", error.Message, StringComparison.Ordinal);
        Assert.Contains(builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_removes_the_password_and_keeps_the_rest()
    {
        var redacted = PostgresDatabase.Redact("Host=db.example;Port=5433;Database=orchestrator;Username=orch;Password=hunter2");

        Assert.DoesNotContain("hunter2", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", redacted, StringComparison.OrdinalIgnoreCase);
        var parsed = new NpgsqlConnectionStringBuilder(redacted);
        Assert.Equal(("db.example", 5433, "orchestrator", "orch"), (parsed.Host, parsed.Port, parsed.Database, parsed.Username));
    }

    [Fact]
    public void Redact_never_echoes_an_unparsable_string()
    {
        var redacted = PostgresDatabase.Redact("this is not=a;connection string;Password");

        Assert.DoesNotContain("not=a", redacted, StringComparison.Ordinal);
    }
}
