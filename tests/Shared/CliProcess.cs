using System.Diagnostics;
using System.Text;

namespace Orchestrator.Testing;

/// <summary>
/// Runs the real <c>orchestrator</c> CLI as a child process in a folder of its own. Shared by the test projects that
/// reference the Client project (its orchestrator.dll is copied next to them).
/// </summary>
public sealed class CliProcess
{
    private static readonly string Assembly = System.IO.Path.Combine(AppContext.BaseDirectory, "orchestrator.dll");

    public CliProcess(string? workingDirectory = null)
    {
        WorkingDirectory = workingDirectory ?? NewDirectory();
    }

    public string WorkingDirectory { get; }

    public string Path(string relative) => System.IO.Path.Combine(WorkingDirectory, relative);

    public string WriteFile(string name, string text)
    {
        var path = Path(name);
        File.WriteAllText(path, text);
        return path;
    }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(TimeSpan.FromMinutes(3), args);

    /// <summary>
    /// Runs the CLI for at most <paramref name="limit"/>; a CLI still running then is killed, and its result has
    /// exit code -1 and a last line of stderr that says so.
    /// </summary>
    public async Task<CliResult> RunAsync(TimeSpan limit, params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new CliResult(-1, await stdout, await stderr + $"\n(killed: still running after {limit.TotalSeconds:0} s)");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the CLI and returns the running process; its output is read line by line into <paramref name="output"/>.</summary>
    public Process StartBackground(StringBuilder output, params string[] args)
    {
        var process = Start(args);
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private Process Start(string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("ORCHESTRATOR_DB");
        start.Environment.Remove("ORCHESTRATOR_DATA");
        return Process.Start(start)!;
    }

    private static string NewDirectory()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "orchestrator-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);
