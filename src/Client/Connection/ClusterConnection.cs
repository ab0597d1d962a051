using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Grains.Hosting;
using Orchestrator.Silo.Hosting;
using Orchestrator.Silo.Storage;

namespace Orchestrator.Client.Connection;

/// <summary>
/// The CLI's way into a cluster. In the embedded default it hosts a silo in this process over the data folder's
/// SQLite file; a second CLI process on the same folder (e.g. <c>status</c> while <c>run</c> goes on) joins the first
/// one's silo through its gateway instead of opening the file twice.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private const string LockFileName = "orchestrator.lock";
    private const string GatewayFileName = "gateway.port";

    private readonly IHost _host;
    private readonly FileStream? _lock;
    private readonly string? _gatewayFile;

    private ClusterConnection(IHost host, FileStream? dataLock, string? gatewayFile, bool hostsSilo)
    {
        _host = host;
        _lock = dataLock;
        _gatewayFile = gatewayFile;
        HostsSilo = hostsSilo;
    }

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>True when this process runs the silo (and so the kernels) itself.</summary>
    public bool HostsSilo { get; }

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

        Directory.CreateDirectory(settings.DataDirectory);
        var lockPath = Path.Combine(settings.DataDirectory, LockFileName);
        var gatewayPath = Path.Combine(settings.DataDirectory, GatewayFileName);
        var dataLock = TryLock(lockPath);
        if (dataLock is null)
        {
            return await JoinRunningAsync(gatewayPath, cancellationToken);
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
            var builder = Host.CreateApplicationBuilder();
            QuietLogging(builder.Logging);
            builder.UseOrleans(s => s.UseOrchestrator(silo));
            builder.Services.Configure<DispatchOptions>(o => o.Enabled = dispatch);
            var host = builder.Build();
            await host.StartAsync(cancellationToken);
            await File.WriteAllTextAsync(gatewayPath, silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            return new ClusterConnection(host, dataLock, gatewayPath, hostsSilo: true);
        }
        catch
        {
            await dataLock.DisposeAsync();
            throw;
        }
    }

    /// <summary>A cluster on PostgreSQL: the client finds the silos' gateways in the membership table.</summary>
    private static async Task<ClusterConnection> ConnectToClusterAsync(ConnectionSettings settings, CancellationToken cancellationToken)
    {
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

        return new ClusterConnection(host, null, null, hostsSilo: false);
    }

    private static async Task<ClusterConnection> JoinRunningAsync(string gatewayPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(gatewayPath) || !int.TryParse(await File.ReadAllTextAsync(gatewayPath, cancellationToken), out var port))
        {
            throw new UsageException($"the data folder {Path.GetDirectoryName(gatewayPath)} is locked by another process that serves no gateway");
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
        return new ClusterConnection(host, null, null, hostsSilo: false);
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

    private static FileStream? TryLock(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
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
            if (_gatewayFile is not null)
            {
                File.Delete(_gatewayFile);
            }

            if (_lock is not null)
            {
                await _lock.DisposeAsync();
            }
        }
    }
}
