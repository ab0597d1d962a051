using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>
/// The process that hosts a data folder's embedded silo keeps every sweep stored there going: <c>run</c> stays up
/// until the other sweeps of its folder end, <c>serve</c> hosts the folder until stopped, and <c>submit</c> without a
/// host says when its sweep will run.
/// </summary>
public sealed class FolderHostingTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    /// <summary>A synthetic sweep of <paramref name="sizes"/> cells that sleep <paramref name="seconds"/> each.</summary>
    private static string Sleeping(string name, int sizes, double seconds) => $"""
        name: {name}
        experiment: synthetic
        grid:
          optimizer: [gd]
          spectrum: [1.0]
          size: [{string.Join(", ", Enumerable.Range(0, sizes).Select(i => 32 << i))}]
          seed: [0]
        settings:
          alpha: 0.3
          duration: {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}
        fit:
          bootstrap: 100
        """;

    [Fact]
    public async Task Run_keeps_hosting_until_a_sweep_submitted_to_its_folder_completes()
    {
        var cli = new CliProcess();
        // Long enough that the second CLI process starts and submits while the first sweep runs, on a busy machine too.
        var first = cli.WriteFile("first.yaml", Sleeping("first", 2, 15));
        var second = cli.WriteFile("second.yaml", Sleeping("second", 3, 6));
        var output = new StringBuilder();
        using var host = cli.StartBackground(output, "run", first, "--data", "state", "--slots", "3");
        try
        {
            await WaitForAsync(output, host, "Started sweep 'first'");

            var submit = await cli.RunAsync(Limit, "submit", second, "--data", "state");
            Assert.True(submit.ExitCode == 0, submit.Stdout + submit.Stderr + Text(output));
            Assert.Equal("second", submit.Stdout.Trim());
            Assert.False(host.HasExited, "the first sweep ended before the second was submitted:\n" + Text(output));

            using var timeout = new CancellationTokenSource(Limit);
            await host.WaitForExitAsync(timeout.Token);
            Assert.True(host.ExitCode == 0, Text(output));
        }
        finally
        {
            Stop(host);
        }

        var status = await cli.RunAsync(Limit, "status", "second", "--format", "json", "--data", "state");
        Assert.True(status.ExitCode == 0, status.Stdout + status.Stderr);
        var json = JsonNode.Parse(status.Stdout)!;
        Assert.Equal(("completed", 3), ((string)json["state"]!, (int)json["done"]!));
        Assert.Contains("still hosting 1 other sweep in this folder (second)", Text(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_hosts_the_folder_and_runs_what_is_submitted_to_it()
    {
        var cli = new CliProcess();
        var spec = cli.WriteFile("spec.yaml", Sleeping("served", 3, 1));
        var output = new StringBuilder();
        using var serve = cli.StartBackground(output, "serve", "--data", "state", "--slots", "2");
        try
        {
            await WaitForAsync(output, serve, "Hosting the data folder");

            var submit = await cli.RunAsync(Limit, "submit", spec, "--data", "state");
            Assert.True(submit.ExitCode == 0, submit.Stdout + submit.Stderr + Text(output));
            Assert.DoesNotContain("No silo is hosting", submit.Stderr, StringComparison.Ordinal);

            Assert.Equal("completed", await StateWhenFinishedAsync(cli, "served"));
            Assert.False(serve.HasExited, Text(output));
        }
        finally
        {
            Stop(serve);
        }
    }

    [Fact]
    public async Task Submit_without_a_host_says_when_the_sweep_runs_and_a_later_serve_runs_it()
    {
        var cli = new CliProcess();
        var spec = cli.WriteFile("spec.yaml", Sleeping("stored", 2, 0.5));

        var submit = await cli.RunAsync(Limit, "submit", spec, "--data", "state");

        Assert.True(submit.ExitCode == 0, submit.Stdout + submit.Stderr);
        Assert.Equal("stored", submit.Stdout.Trim());
        Assert.Contains("No silo is hosting this folder: the sweep is stored and runs when `orchestrator run`, `orchestrator serve`", submit.Stderr, StringComparison.Ordinal);
        var stored = JsonNode.Parse((await cli.RunAsync(Limit, "status", "stored", "--format", "json", "--data", "state")).Stdout)!;
        Assert.Equal(("running", 0), ((string)stored["state"]!, (int)stored["done"]!));

        var output = new StringBuilder();
        using var serve = cli.StartBackground(output, "serve", "--data", "state");
        try
        {
            await WaitForAsync(output, serve, "Hosting the data folder");
            Assert.Contains("1 running sweep resumes (stored)", Text(output), StringComparison.Ordinal);
            Assert.Equal("completed", await StateWhenFinishedAsync(cli, "stored"));
        }
        finally
        {
            Stop(serve);
        }
    }

    /// <summary>Polls <c>status ID --format json</c> until the sweep finishes; its final state.</summary>
    private static async Task<string> StateWhenFinishedAsync(CliProcess cli, string sweep)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            var status = await cli.RunAsync(Limit, "status", sweep, "--format", "json", "--data", "state");
            Assert.True(status.ExitCode == 0, status.Stdout + status.Stderr);
            var state = (string)JsonNode.Parse(status.Stdout)!["state"]!;
            if (state is not ("running" or "pending") || DateTime.UtcNow > deadline)
            {
                return state;
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }

    private static async Task WaitForAsync(StringBuilder output, Process process, string text)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!Text(output).Contains(text, StringComparison.Ordinal))
        {
            if (process.HasExited)
            {
                Assert.Fail($"exited ({process.ExitCode}) before printing '{text}':\n" + Text(output));
            }

            Assert.True(DateTime.UtcNow < deadline, $"no '{text}' after {Limit.TotalSeconds:0} s:\n" + Text(output));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
