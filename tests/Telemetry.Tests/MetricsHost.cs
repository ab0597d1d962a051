using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Grains.Runs;
using Orchestrator.Grains.Telemetry;
using Orchestrator.Hosting.Telemetry;

namespace Orchestrator.Telemetry.Tests;

/// <summary>
/// A minimal web host with the orchestrator's telemetry on a free loopback port, optionally with an in-process
/// localhost silo (for the <c>Microsoft.Orleans</c> meter) that hosts <see cref="ProbeGrain"/>.
/// </summary>
public sealed class MetricsHost : IAsyncDisposable
{
    public const string ProbeStorage = "probe-store";

    /// <summary>Kernel slots of the in-process silo.</summary>
    public const int SiloKernelSlots = 3;

    private readonly WebApplication _app;

    private MetricsHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public OrchestratorMetrics Metrics => _app.Services.GetRequiredService<OrchestratorMetrics>();

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public string SiloName => _app.Services.GetRequiredService<ILocalSiloDetails>().Name;

    public static async Task<MetricsHost> StartAsync(bool withSilo)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddOrchestratorTelemetry();
        if (withSilo)
        {
            builder.UseOrleans(silo => silo
                .UseLocalhostClustering(FreePort.Next(), FreePort.Next(), serviceId: "telemetry-tests", clusterId: $"telemetry-{Guid.NewGuid():N}")
                .AddMemoryGrainStorage(ProbeStorage));
            builder.Services.AddSingleton(new KernelSlots(SiloKernelSlots));
        }

        var app = builder.Build();
        app.MapOrchestratorEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        return new MetricsHost(app, new Uri(address));
    }

    public async Task<PrometheusText> ScrapeAsync(CancellationToken cancellationToken)
    {
        var text = await Http.GetStringAsync(TelemetryEndpointExtensions.MetricsPath, cancellationToken);
        return PrometheusText.Parse(text);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
