using Orchestrator.Testing;
using System.Diagnostics;
using System.Text;

namespace Orchestrator.Telemetry.Tests;

/// <summary>
/// <c>orchestrator run SPEC --metrics-port P --data DIR</c> as a real process: an embedded silo that runs the sweep
/// and serves /metrics on a free loopback port. Killed (with its data folder removed) on disposal.
/// </summary>
public sealed class CliSweepProcess : IAsyncDisposable
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "orchestrator.dll");

    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _output = new();

    private CliSweepProcess(Process process, string directory, Uri metrics)
    {
        _process = process;
        _directory = directory;
        MetricsAddress = metrics;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Base address of the embedded silo's /metrics and /healthz.</summary>
    public Uri MetricsAddress { get; }

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

    /// <summary>Starts the sweep of <paramref name="specYaml"/> and waits until the silo answers /healthz.</summary>
    public static async Task<CliSweepProcess> StartAsync(string specYaml, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("orchestrator-telemetry-").FullName;
        var spec = Path.Combine(directory, "sweep.yaml");
        await File.WriteAllTextAsync(spec, specYaml, cancellationToken);
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Cli, "run", spec, "--metrics-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", Path.Combine(directory, "data") })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the CLI did not start");
        var cli = new CliSweepProcess(process, directory, new Uri($"http://127.0.0.1:{port}/"));
        await cli.WaitForHealthAsync(cancellationToken);
        return cli;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing; a leftover temp folder is harmless.
        }
    }

    private async Task WaitForHealthAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = MetricsAddress, Timeout = TimeSpan.FromSeconds(5) };
        await ReadinessProbe.WaitAsync(http, "healthz", _process, "the CLI's silo", () => Output,
            TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200), cancellationToken);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
