using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary><c>cancel --now</c>: a sweep whose cells would run for minutes ends at once, its cells cancelled, none failed.</summary>
public sealed class CancelNowTests
{
    [Fact]
    public async Task CancelNowEndsTheRunningSweepWithItsCellsCancelled()
    {
        var cli = new CliProcess();
        var spec = cli.WriteFile("spec.yaml", SlowSpecs.Endless("stopped"));
        var output = new StringBuilder();
        using var run = cli.StartBackground(output, "run", spec, "--slots", "1");
        await WaitUntilRunningAsync(cli, run, output);

        var cancel = await cli.RunAsync("cancel", "stopped", "--now");

        Assert.True(cancel.ExitCode == 0, cancel.Stdout + cancel.Stderr);
        Assert.Contains("stopped: cancelled (0 cells still running)", cancel.Stdout, StringComparison.Ordinal);
        // The run follows the sweep to its end: it returns (exit 1: the sweep did not complete) instead of waiting
        // for cells of a million steps.
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            await run.WaitForExitAsync(timeout.Token);
        }

        Assert.True(run.ExitCode == 1, output.ToString());
        var results = JsonNode.Parse((await cli.RunAsync("results", "stopped", "--format", "json")).Stdout)!;
        Assert.Equal("cancelled", (string)results["state"]!);
        Assert.Equal(0, (int)results["failed"]!);
        Assert.All(results["cells"]!.AsArray(), c => Assert.Equal("cancelled", (string)c!["status"]!));
        var status = JsonNode.Parse((await cli.RunAsync("status", "stopped", "--format", "json")).Stdout)!;
        Assert.Equal(("cancelled", 0, 0), ((string)status["state"]!, (int)status["running"]!, (int)status["failed"]!));
    }

    private static async Task WaitUntilRunningAsync(CliProcess cli, System.Diagnostics.Process run, StringBuilder output)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(run.HasExited, "the run ended before it could be cancelled:\n" + output);
            if (!Text(output).Contains("Started sweep 'stopped'", StringComparison.Ordinal))
            {
                // Until then the run's process may not hold the data folder yet: a status would open it first.
                await Task.Delay(100, TestContext.Current.CancellationToken);
                continue;
            }

            var status = await cli.RunAsync("status", "stopped", "--format", "json");
            if (status.ExitCode == 0 && (int)JsonNode.Parse(status.Stdout)!["running"]! > 0)
            {
                return;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        Assert.Fail("the sweep never had a running cell:\n" + output);
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
