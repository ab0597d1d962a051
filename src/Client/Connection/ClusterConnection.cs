using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Grains.Hosting;
using Orchestrator.Hosting;
using Orchestrator.Hosting.Storage;
using Orchestrator.Hosting.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Orchestrator.Client.Connection;

/// <summary>
/// The CLI's way into a cluster. Where the storage lets this process claim it (the embedded default's data folder,
/// when free) it hosts a silo here over it; otherwise it connects as a client: to the silos of a PostgreSQL cluster,
/// or to the silo of the CLI process that holds the data folder (e.g. <c>status</c> while <c>run</c> goes on), so that
/// the SQLite file is never opened twice.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly IStorageClaim? _claim;

    private ClusterConnection(IHost host, IStorageClaim? claim)
    {
        _host = host;
        _claim = claim;
    }

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>True when this process runs the silo (and so the kernels) itself.</summary>
    public bool HostsSilo => _claim is not null;

    /// <summary>Fires when the process is asked to stop (SIGTERM, SIGINT, SIGQUIT).</summary>
    public CancellationToken Stopping => _host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

    /// <summary>
    /// Connects. <paramref name="dispatch"/> false opens an embedded silo that only reads: it answers status and
    /// results but resumes no interrupted sweep.
    /// </summary>
    public static async Task<ClusterConnection> OpenAsync(ConnectionSettings settings, bool dispatch, CancellationToken cancellationToken)
    {
        var storage = settings.Storage();
        var claim = storage.TryClaimForEmbeddedSilo();
        if (claim is null)
        {
            return await ConnectAsync(storage, cancellationToken);
        }

        try
        {
            var silo = EmbeddedSilo.Settings(settings.DataDirectory, settings.Slots, settings.MetricsPort, settings.Runners, settings.AllowFaultInjection);
            var host = silo.MetricsPort > 0 ? BuildWithMetrics(silo, storage, dispatch) : Build(silo, storage, dispatch);
            await host.StartAsync(cancellationToken);
            claim.PublishGateway(silo);
            return new ClusterConnection(host, claim);
        }
        catch
        {
            claim.Dispose();
            throw;
        }
    }

    private static IHost Build(SiloSettings silo, IStorageBackend storage, bool dispatch)
    {
        var builder = Host.CreateApplicationBuilder();
        QuietLogging(builder.Logging);
        builder.UseOrleans(s => s.UseOrchestrator(silo, storage));
        builder.Services.Configure<DispatchOptions>(o => o.Enabled = dispatch);
        return builder.Build();
    }

    /// <summary>The embedded silo serving /metrics and /healthz on loopback, as a silo process does.</summary>
    private static WebApplication BuildWithMetrics(SiloSettings silo, IStorageBackend storage, bool dispatch)
    {
        var builder = WebApplication.CreateBuilder();
        QuietLogging(builder.Logging);
        builder.WebHost.UseUrls($"http://127.0.0.1:{silo.MetricsPort}");
        builder.UseOrleans(s => s.UseOrchestrator(silo, storage));
        builder.Services.Configure<DispatchOptions>(o => o.Enabled = dispatch);
        builder.Services.AddOrchestratorTelemetry();
        var app = builder.Build();
        app.MapOrchestratorEndpoints();
        return app;
    }

    /// <summary>A client of silos that run elsewhere, found the way the storage says.</summary>
    private static async Task<ClusterConnection> ConnectAsync(IStorageBackend storage, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        QuietLogging(builder.Logging);
        builder.UseOrleansClient(storage.ConfigureClient);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            host.Dispose();
            throw new ClusterUnavailableException($"could not connect to the cluster at {storage.Location}: {ex.Message}", ex);
        }

        return new ClusterConnection(host, null);
    }

    private static void QuietLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.AddFilter(level => level >= LogLevel.Warning);
        logging.AddFilter("Orleans", LogLevel.Error);
        logging.AddFilter("Microsoft", LogLevel.Error);
        // Logs go to stderr so that stdout carries only the command's output (JSON, CSV, tables).
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o =>
            o.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _host.Dispose();
            _claim?.Dispose();
        }
    }
}
