using Orchestrator.Testing;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Orchestrator.Telemetry.Tests;

/// <summary>
/// A private Prometheus server (the Debian package's /usr/bin/prometheus, installed with apt when missing and
/// running as root) on a free loopback port, with a temporary configuration and storage, scraping the given targets
/// every second.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private const string Executable = "/usr/bin/prometheus";

    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _log;

    private PrometheusServer(Process process, string directory, StringBuilder log, Uri address)
    {
        _process = process;
        _directory = directory;
        _log = log;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http { get; }

    /// <summary>Prometheus' own output so far, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<PrometheusServer> StartAsync(IEnumerable<Uri> targets, CancellationToken cancellationToken)
    {
        await EnsureInstalledAsync(cancellationToken);
        var directory = Directory.CreateTempSubdirectory("orchestrator-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        var targetList = string.Join(", ", targets.Select(t => $"'{t.Authority}'"));
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: orchestrator-silos
                metrics_path: /metrics
                static_configs:
                  - targets: [{targetList}]
            """, cancellationToken);

        var port = FreePort.Next();
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"--config.file={config}");
        start.ArgumentList.Add($"--storage.tsdb.path={Path.Combine(directory, "data")}");
        start.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port}");
        start.ArgumentList.Add("--log.level=warn");
        var log = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start");
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new PrometheusServer(process, directory, log, new Uri($"http://127.0.0.1:{port}/"));
        await server.WaitUntilReadyAsync(cancellationToken);
        return server;
    }

    /// <summary>Evaluates <paramref name="expression"/> now and returns the number of series in the result.</summary>
    public async Task<int> QueryAsync(string expression, CancellationToken cancellationToken) =>
        (await QueryValuesAsync(expression, cancellationToken)).Count;

    /// <summary>Evaluates <paramref name="expression"/> now and returns the value of each series of the instant vector.</summary>
    public async Task<IReadOnlyList<double>> QueryValuesAsync(string expression, CancellationToken cancellationToken)
    {
        var url = $"api/v1/query?query={Uri.EscapeDataString(expression)}";
        using var response = await Http.GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"`{expression}` was rejected: {body}");
        }

        var data = root.GetProperty("data");
        var result = data.GetProperty("result");
        return data.GetProperty("resultType").GetString() switch
        {
            "vector" => result.EnumerateArray().Select(series => ParseValue(series.GetProperty("value"))).ToList(),
            "scalar" => [ParseValue(result)],
            var type => throw new InvalidOperationException($"`{expression}` gave a {type}, not an instant vector"),
        };
    }

    /// <summary>A sample as the API writes it: [unix time, "value"].</summary>
    private static double ParseValue(JsonElement sample) =>
        double.Parse(sample[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
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
            // The storage may still be closing; a leftover temp folder is harmless.
        }
    }

    private Task WaitUntilReadyAsync(CancellationToken cancellationToken) =>
        ReadinessProbe.WaitAsync(Http, "-/ready", _process, "prometheus", () => Log,
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100), cancellationToken);

    private static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Executable))
        {
            return;
        }

        // A fresh CI machine runs as root without the package: install it once.
        foreach (var arguments in new[] { "update", "install -y --no-install-recommends prometheus" })
        {
            var start = new ProcessStartInfo("apt-get", arguments) { UseShellExecute = false };
            start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            using var apt = Process.Start(start) ?? throw new InvalidOperationException("apt-get did not start");
            await apt.WaitForExitAsync(cancellationToken);
            if (apt.ExitCode != 0)
            {
                throw new InvalidOperationException($"apt-get {arguments} failed with {apt.ExitCode.ToString(CultureInfo.InvariantCulture)}");
            }
        }
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }
}
