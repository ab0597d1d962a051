using Npgsql;
using Orchestrator.Hosting.Storage;

namespace Orchestrator.Hosting.Tests;

/// <summary>
/// A connection string shown in a message or a log keeps where it points and loses every secret it carries,
/// whichever spelling of the key carries it.
/// </summary>
public sealed class ConnectionStringRedactionTests
{
    private const string Rest = "Host=db.example;Port=5433;Database=orchestrator;Username=orch";

    [Theory]
    [InlineData("Password")]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("Pwd")]
    [InlineData("Passfile")]
    [InlineData("SSL Password")]
    [InlineData("SslPassword")]
    [InlineData("ssl password")]
    [InlineData("SSL Key")]
    [InlineData("SslKey")]
    [InlineData("Client Certificate Key")]
    public void Every_secret_bearing_key_loses_its_value(string key)
    {
        var redacted = PostgresDatabase.Redact($"{Rest};{key}=hunter2-secret");

        Assert.DoesNotContain("hunter2-secret", redacted, StringComparison.Ordinal);
        var parsed = new NpgsqlConnectionStringBuilder(redacted);
        Assert.Equal(("db.example", 5433, "orchestrator", "orch"), (parsed.Host, parsed.Port, parsed.Database, parsed.Username));
    }

    [Fact]
    public void Every_secret_goes_at_once_and_the_rest_stays()
    {
        var redacted = PostgresDatabase.Redact(
            $"{Rest};Password=pw-1;Passfile=/secrets/pgpass;SSL Password=pw-2;SSL Key=/secrets/client.key;"
            + "SSL Certificate=/certs/client.crt;Kerberos Service Name=postgres;Application Name=orchestrator");

        foreach (var secret in new[] { "pw-1", "/secrets/pgpass", "pw-2", "/secrets/client.key" })
        {
            Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        }

        var parsed = new NpgsqlConnectionStringBuilder(redacted);
        Assert.Equal("/certs/client.crt", parsed.SslCertificate);
        Assert.Equal("postgres", parsed.KerberosServiceName);
        Assert.Equal("orchestrator", parsed.ApplicationName);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("secret")]
    [InlineData("token")]
    public void Any_key_naming_a_secret_is_recognised(string word)
    {
        Assert.True(PostgresDatabase.IsSecretKey($"Some {word.ToUpperInvariant()} Value"));
        Assert.True(PostgresDatabase.IsSecretKey($"my{word}"));
        Assert.False(PostgresDatabase.IsSecretKey("Host"));
        Assert.False(PostgresDatabase.IsSecretKey("SSL Certificate"));
        Assert.False(PostgresDatabase.IsSecretKey("Kerberos Service Name"));
    }
}
