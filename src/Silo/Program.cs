using Orchestrator.Silo.Hosting;
using Orchestrator.Silo.Storage;
using Orchestrator.Silo.Telemetry;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(SiloSettingsLoader.Help());
    return 0;
}

var builder = WebApplication.CreateBuilder();
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

builder.UseOrleans(silo => silo.UseOrchestrator(settings));
builder.Services.AddOrchestratorTelemetry();
if (settings.MetricsPort > 0)
{
    var address = System.Net.IPAddress.Parse(settings.MetricsAddress);
    var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
    builder.WebHost.UseUrls($"http://{host}:{settings.MetricsPort}");
}

var app = builder.Build();
app.MapOrchestratorEndpoints();
await app.StartAsync();
lease?.PublishGateway(settings.GatewayPort);
await app.WaitForShutdownAsync();
return 0;
