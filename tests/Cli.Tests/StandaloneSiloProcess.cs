using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>A real standalone silo process (src/Silo) without <c>--db</c>: SQLite in a data folder, on free loopback ports.</summary>
public sealed class StandaloneSiloProcess : IAsyncDisposable
{
    private static readonly string Assembly = Path.Combine(AppContext.BaseDirectory, "Orchestrator.Silo.dll");
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private StandaloneSiloProcess(string dataDirectory, string[] extraArguments)
    {
        DataDirectory = dataDirectory;
        MetricsPort = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            Assembly, "--data", dataDirectory, "--slots", "2",
            "--silo-port", FreePort().ToString(CultureInfo.InvariantCulture),
            "--gateway-port", FreePort().ToString(CultureInfo.InvariantCulture),
            "--metrics-port", MetricsPort.ToString(CultureInfo.InvariantCulture),
        }.Concat(extraArguments))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var variable in new[] { "ORCHESTRATOR_DB", "ORCHESTRATOR_DATA", "ORCHESTRATOR_SERVICE_ID", "ORCHESTRATOR_CLUSTER_ID" })
        {
            start.Environment.Remove(variable);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string DataDirectory { get; }

    public int MetricsPort { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a silo on <paramref name="dataDirectory"/> and waits until it serves and has published its gateway there.</summary>
    public static async Task<StandaloneSiloProcess> StartAsync(string dataDirectory, params string[] extraArguments)
    {
        var silo = new StandaloneSiloProcess(dataDirectory, extraArguments);
        try
        {
            await ReadinessProbe.WaitAsync(Http, $"http://127.0.0.1:{silo.MetricsPort}/healthz", silo._process, "silo",
                () => silo.Output, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (Directory.GetFiles(dataDirectory, "gateway.*").Length == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the silo published no gateway in {dataDirectory}:\n{silo.Output}");
                await Task.Delay(100);
            }
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    /// <summary>SIGTERM, and the exit: the folder is free again.</summary>
    public async Task StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
