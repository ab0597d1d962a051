using Xunit;
using Npgsql;
using Orchestrator.Hosting.Storage;

namespace Orchestrator.Integration.Tests;

/// <summary>A silo caps its connections unless the connection string sets a pool size, under any spelling.</summary>
public sealed class PoolDefaultsTests
{
    private const string Base = "Host=127.0.0.1;Port=5433;Database=orchestrator;Username=postgres";

    [Fact]
    public void A_connection_string_without_a_pool_size_gets_the_default() =>
        Assert.Equal(PostgresDatabase.DefaultMaxPoolSize, PoolSize(PostgresDatabase.WithPoolDefaults(Base)));

    [Theory]
    [InlineData("Maximum Pool Size=7", 7)]
    [InlineData("MaxPoolSize=5", 5)]
    [InlineData("maximum pool size=100", 100)]
    [InlineData("MAXPOOLSIZE=3", 3)]
    public void A_pool_size_given_under_any_spelling_is_kept(string setting, int expected) =>
        Assert.Equal(expected, PoolSize(PostgresDatabase.WithPoolDefaults($"{Base};{setting}")));

    private static int PoolSize(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).MaxPoolSize;
}
