using Orchestrator.Testing;
using System.Diagnostics;
using System.Text;

namespace Orchestrator.Integration.Tests.Infrastructure;

/// <summary>
/// A real silo process (src/Silo) on loopback ports, in cluster mode on a PostgreSQL database, with failure detection
/// tuned for tests (a dead silo is declared dead within a few seconds).
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly string Assembly = Path.Combine(AppContext.BaseDirectory, "Orchestrator.Silo.dll");
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly StringBuilder _output = new();
    private Process _process;

    private readonly string[] _extraArguments;

    private SiloProcess(string connectionString, int slots, string[] extraArguments)
    {
        ConnectionString = connectionString;
        Slots = slots;
        _extraArguments = extraArguments;
        SiloPort = FreePorts.Take();
        GatewayPort = FreePorts.Take();
        MetricsPort = FreePorts.Take();
        _process = Launch();
    }

    public string ConnectionString { get; }
    public int Slots { get; }
    public int SiloPort { get; }
    public int GatewayPort { get; }
    public int MetricsPort { get; }

    /// <summary>The silo's name as it appears in cell records.</summary>
    public string Name => $"127.0.0.1:{SiloPort}";

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

    /// <summary>Starts a silo; <paramref name="extraArguments"/> are further flags, e.g. <c>--runners FILE</c>.</summary>
    public static async Task<SiloProcess> StartAsync(string connectionString, int slots = 1, params string[] extraArguments)
    {
        var silo = new SiloProcess(connectionString, slots, extraArguments);
        await silo.WaitHealthyAsync();
        return silo;
    }

    /// <summary>kill -9: no chance to hand anything back.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: a graceful stop.</summary>
    public async Task TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Starts the process again on the same ports.</summary>
    public async Task RestartAsync()
    {
        _process.Dispose();
        _process = Launch();
        await WaitHealthyAsync();
    }

    private Process Launch()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            Assembly, "--db", ConnectionString, "--slots", Slots.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--silo-port", SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--gateway-port", GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--metrics-port", MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--probe-timeout", "1", "--missed-probes", "2", "--death-votes", "1",
        }.Concat(_extraArguments))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("ORCHESTRATOR_DB");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private Task WaitHealthyAsync() =>
        ReadinessProbe.WaitAsync(Http, $"http://127.0.0.1:{MetricsPort}/healthz", _process, "silo", () => Output,
            TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
