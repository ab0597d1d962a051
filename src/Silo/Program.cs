using Microsoft.Extensions.Configuration.Memory;
using Orchestrator.Silo.Hosting;
using Orchestrator.Silo.Storage;
using Orchestrator.Silo.Telemetry;

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

using var lease = settings.IsEmbedded ? DataFolderLease.TryAcquire(settings.DataDirectory) : null;
if (settings.IsEmbedded && lease is null)
{
    Console.Error.WriteLine($"error: --data: the folder {settings.DataDirectory} is in use by another silo");
    return 2;
}

if (!settings.IsEmbedded)
{
    // Idempotent, and serialised between silos that start together.
    await PostgresDatabase.InitializeAsync(settings.Database!);
}

builder.UseOrleans(silo =>
{
    silo.UseOrchestrator(settings);
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
await app.StartAsync();
lease?.PublishGateway(settings.GatewayPort);
await app.WaitForShutdownAsync();
return 0;
