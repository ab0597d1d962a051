using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Grains.Hosting;
using Orchestrator.Silo.Hosting;
using Orchestrator.Silo.Storage;
using Orchestrator.Silo.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Orchestrator.Client.Connection;

/// <summary>
/// The CLI's way into a cluster. In the embedded default it hosts a silo in this process over the data folder's
/// SQLite file; a second CLI process on the same folder (e.g. <c>status</c> while <c>run</c> goes on) joins the first
/// one's silo through its gateway instead of opening the file twice.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly DataFolderLease? _lease;

    private ClusterConnection(IHost host, DataFolderLease? lease)
    {
        _host = host;
        _lease = lease;
    }

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>True when this process runs the silo (and so the kernels) itself.</summary>
    public bool HostsSilo => _lease is not null;

    /// <summary>
    /// Connects. <paramref name="dispatch"/> false opens an embedded silo that only reads: it answers status and
    /// results but resumes no interrupted sweep.
    /// </summary>
    public static async Task<ClusterConnection> OpenAsync(ConnectionSettings settings, bool dispatch, CancellationToken cancellationToken)
    {
        if (!settings.IsEmbedded)
        {
            return await ConnectToClusterAsync(settings, cancellationToken);
        }

        var lease = DataFolderLease.TryAcquire(settings.DataDirectory);
        if (lease is null)
        {
            return await JoinRunningAsync(settings.DataDirectory, cancellationToken);
        }

        try
        {
            var silo = new SiloSettings
            {
                DataDirectory = settings.DataDirectory,
                SiloPort = FreePort(),
                GatewayPort = FreePort(),
                Slots = settings.Slots > 0 ? settings.Slots : Environment.ProcessorCount,
                MetricsPort = settings.MetricsPort,
                ServiceId = "orchestrator-embedded",
                ClusterId = "embedded",
            };
            var host = settings.MetricsPort > 0 ? BuildWithMetrics(silo, dispatch) : Build(silo, dispatch);
            await host.StartAsync(cancellationToken);
            lease.PublishGateway(silo.GatewayPort);
            return new ClusterConnection(host, lease);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    private static IHost Build(SiloSettings silo, bool dispatch)
    {
        var builder = Host.CreateApplicationBuilder();
        QuietLogging(builder.Logging);
        builder.UseOrleans(s => s.UseOrchestrator(silo));
        builder.Services.Configure<DispatchOptions>(o => o.Enabled = dispatch);
        return builder.Build();
    }

    /// <summary>The embedded silo serving /metrics and /healthz on loopback, as a silo process does.</summary>
    private static WebApplication BuildWithMetrics(SiloSettings silo, bool dispatch)
    {
        var builder = WebApplication.CreateBuilder();
        QuietLogging(builder.Logging);
        builder.WebHost.UseUrls($"http://127.0.0.1:{silo.MetricsPort}");
        builder.UseOrleans(s => s.UseOrchestrator(silo));
        builder.Services.Configure<DispatchOptions>(o => o.Enabled = dispatch);
        builder.Services.AddOrchestratorTelemetry();
        var app = builder.Build();
        app.MapOrchestratorEndpoints();
        return app;
    }

    /// <summary>A cluster on PostgreSQL: the client finds the silos' gateways in the membership table.</summary>
    private static async Task<ClusterConnection> ConnectToClusterAsync(ConnectionSettings settings, CancellationToken cancellationToken)
    {
        PostgresDatabase.RegisterDriver();
        var builder = Host.CreateApplicationBuilder();
        QuietLogging(builder.Logging);
        builder.UseOrleansClient(c => c
            .UseAdoNetClustering(o =>
            {
                o.Invariant = PostgresDatabase.Invariant;
                o.ConnectionString = settings.Database;
            })
            .Configure<Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            }));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            host.Dispose();
            throw new ClusterUnavailableException(
                $"could not connect to the cluster at {PostgresDatabase.Redact(settings.Database!)}: {ex.Message}", ex);
        }

        return new ClusterConnection(host, null);
    }

    private static async Task<ClusterConnection> JoinRunningAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        if (DataFolderLease.ReadGateway(dataDirectory) is not { } port)
        {
            throw new UsageException($"--data: the folder {dataDirectory} is in use by another process that serves no gateway");
        }

        var builder = Host.CreateApplicationBuilder();
        QuietLogging(builder.Logging);
        builder.UseOrleansClient(c => c
            .UseStaticClustering(new IPEndPoint(IPAddress.Loopback, port))
            .Configure<Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ServiceId = "orchestrator-embedded";
                o.ClusterId = "embedded";
            }));
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
            _lease?.Dispose();
        }
    }
}
