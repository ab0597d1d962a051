using Microsoft.Extensions.Configuration.Memory;
using Orchestrator.Hosting;
using Orchestrator.Hosting.Storage;
using Orchestrator.Hosting.Telemetry;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(SiloSettingsLoader.Help());
    return 0;
}

var builder = WebApplication.CreateBuilder();
// Quiet defaults, first so that appsettings, the environment (Logging__LogLevel__Orleans=Information) and flags
// override them: Orleans and its Polly pipelines log every connection and placement at Information, which on a busy
// silo costs more CPU than the work itself.
builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
{
    InitialData = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
        ["Logging:LogLevel:Microsoft"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
    },
});
SiloSettingsLoader.AddSources(builder.Configuration, args);
SiloSettings settings;
try
{
    settings = SiloSettingsLoader.Load(builder.Configuration);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

var storage = StorageBackend.From(settings);
var waitForDatabase = TimeSpan.FromSeconds(settings.DatabaseWaitSeconds);
IStorageClaim claim;
try
{
    claim = await PrepareAsync(storage, waitForDatabase);
}
catch (StorageSettingsException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
catch (PostgresSchemaException ex) when (PostgresDatabase.IsUnavailable(ex))
{
    Console.Error.WriteLine($"error: the database stayed unreachable for {settings.DatabaseWaitSeconds} s (--db-wait): {ex.Message}");
    return 1;
}
catch (PostgresSchemaException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}

using var _ = claim;

builder.UseOrleans(silo =>
{
    silo.UseOrchestrator(settings, storage);
    if (KubernetesEnvironment.IsPresent)
    {
        silo.UseKubernetesHosting();
    }
});
builder.Services.AddOrchestratorTelemetry();
if (settings.MetricsPort > 0)
{
    // Loopback unless configured: --metrics-address, else the address the silo is reached at (--advertised-address),
    // so that Prometheus in another container or pod can scrape a silo that is configured to be reachable.
    var address = System.Net.IPAddress.Parse(settings.MetricsAddress ?? settings.AdvertisedAddress);
    var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
    builder.WebHost.UseUrls($"http://{host}:{settings.MetricsPort}");
}

var app = builder.Build();
app.MapOrchestratorEndpoints();
try
{
    await app.StartAsync();
}
catch (Exception ex) when (PostgresDatabase.IsUnavailable(ex))
{
    // The database went away while the silo joined (after its schema check): exit, for the supervisor to start it
    // again, rather than crash.
    Console.Error.WriteLine($"error: the silo could not start: the database became unreachable while it joined the cluster ({ex.GetBaseException().Message})");
    return 1;
}

app.Logger.LogInformation("Storage: {Backend} at {Location}", storage.Name, storage.Location);
claim.PublishGateway(settings);
await app.WaitForShutdownAsync();
return 0;

// PostgreSQL: the schema, applied idempotently, once the database answers (within the wait); SQLite: the data
// folder, which one process holds at a time.
static async Task<IStorageClaim> PrepareAsync(IStorageBackend storage, TimeSpan wait)
{
    var deadline = DateTimeOffset.UtcNow + wait;
    var announced = false;
    while (true)
    {
        try
        {
            return await storage.PrepareAsync();
        }
        catch (PostgresSchemaException ex) when (PostgresDatabase.IsUnavailable(ex) && DateTimeOffset.UtcNow < deadline)
        {
            if (!announced)
            {
                Console.Error.WriteLine($"waiting for the database (up to {wait.TotalSeconds:0} s, --db-wait): {ex.Message}");
                announced = true;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
