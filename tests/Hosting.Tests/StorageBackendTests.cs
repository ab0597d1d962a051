using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orchestrator.Hosting.Storage;

namespace Orchestrator.Hosting.Tests;

/// <summary>The storage is chosen once, from the settings, and each backend answers for itself.</summary>
public sealed class StorageBackendTests : IDisposable
{
    private const string Database = "Host=db.example;Port=5433;Database=orchestrator;Username=orch;Password=hunter2";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"storage-backend-{Guid.NewGuid():N}");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Without_a_database_the_backend_is_sqlite_in_the_data_folder(string? database)
    {
        var storage = StorageBackend.From(new SiloSettings { Database = database, DataDirectory = _folder });

        var sqlite = Assert.IsType<SqliteBackend>(storage);
        Assert.Equal(_folder, sqlite.DataDirectory);
        Assert.Equal(Path.Combine(_folder, SqliteBackend.FileName), storage.Location);
        Assert.Equal("sqlite", storage.Name);
        Assert.False(storage.HasReminders);
    }

    [Fact]
    public void With_a_database_the_backend_is_postgresql_under_the_settings_ids_and_never_shows_the_password()
    {
        var storage = StorageBackend.From(new SiloSettings { Database = Database, DataDirectory = _folder, ClusterId = "c1", ServiceId = "s1" });

        var postgres = Assert.IsType<PostgresBackend>(storage);
        Assert.Equal(("c1", "s1"), (postgres.ClusterId, postgres.ServiceId));
        Assert.Equal("postgresql", storage.Name);
        Assert.True(storage.HasReminders);
        Assert.Contains("db.example", storage.Location, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", storage.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_of_a_postgresql_cluster_never_hosts_a_silo()
    {
        var storage = StorageBackend.From(new SiloSettings { Database = Database });

        // No connection is attempted: the host is not reachable from here.
        Assert.Null(storage.TryClaimForEmbeddedSilo());
        Assert.False(Directory.Exists(_folder));
    }

    [Fact]
    public async Task One_process_holds_an_sqlite_data_folder_at_a_time()
    {
        var storage = StorageBackend.From(new SiloSettings { DataDirectory = _folder });

        using (var claim = storage.TryClaimForEmbeddedSilo())
        {
            Assert.NotNull(claim);
            Assert.Null(storage.TryClaimForEmbeddedSilo());
            var refused = await Assert.ThrowsAsync<StorageSettingsException>(() => storage.PrepareAsync(TestContext.Current.CancellationToken));
            Assert.StartsWith("--data:", refused.Message, StringComparison.Ordinal);

            // The holder serves no gateway yet: a client has no way in, and is told which flag to change.
            var noGateway = Assert.Throws<StorageSettingsException>(() =>
            {
                var builder = Host.CreateApplicationBuilder();
                builder.UseOrleansClient(storage.ConfigureClient);
                builder.Build().Dispose();
            });
            Assert.StartsWith("--data:", noGateway.Message, StringComparison.Ordinal);
        }

        using var again = await storage.PrepareAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(again);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("mine", "ours")]
    public void A_client_on_a_held_folder_joins_the_gateway_under_the_ids_its_holder_published(string? serviceId, string? clusterId)
    {
        var settings = new SiloSettings
        {
            DataDirectory = _folder,
            GatewayPort = 30123,
            ServiceId = serviceId ?? EmbeddedSilo.ServiceId,
            ClusterId = clusterId ?? EmbeddedSilo.ClusterId,
        };
        var storage = StorageBackend.From(settings);
        using var claim = storage.TryClaimForEmbeddedSilo();
        Assert.NotNull(claim);

        claim.PublishGateway(settings);

        Assert.Equal(new PublishedGateway(30123, settings.ServiceId, settings.ClusterId), DataFolderLease.ReadGateway(_folder));
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(storage.ConfigureClient);
        using var client = builder.Build();
        var cluster = client.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        Assert.Equal((settings.ServiceId, settings.ClusterId), (cluster.ServiceId, cluster.ClusterId));
        var gateway = Assert.Single(client.Services.GetRequiredService<IOptions<StaticGatewayListProviderOptions>>().Value.Gateways);
        Assert.Equal(30123, gateway.Port);

        claim.Dispose();
        Assert.Null(DataFolderLease.ReadGateway(_folder));
    }

    [Fact]
    public async Task Only_a_shared_database_has_a_schema_to_apply_ahead()
    {
        var storage = StorageBackend.From(new SiloSettings { DataDirectory = _folder });

        var refused = await Assert.ThrowsAsync<StorageSettingsException>(() => storage.InitializeSchemaAsync(TestContext.Current.CancellationToken));
        Assert.StartsWith("--db:", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder));
    }

    [Fact]
    public void The_embedded_silo_runs_under_ids_of_its_own_and_a_standalone_silo_under_the_settings()
    {
        var embedded = EmbeddedSilo.Settings(_folder, slots: 0, metricsPort: 0);

        Assert.Equal(("orchestrator-embedded", "embedded"), (embedded.ServiceId, embedded.ClusterId));
        Assert.Equal(Environment.ProcessorCount, embedded.Slots);
        Assert.NotEqual(embedded.SiloPort, embedded.GatewayPort);
        Assert.Equal(("orchestrator", "orchestrator"), (new SiloSettings().ServiceId, new SiloSettings().ClusterId));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
