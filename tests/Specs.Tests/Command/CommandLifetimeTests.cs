using System.Diagnostics;
using Orchestrator.Specs.Experiments.Command;

namespace Orchestrator.Specs.Tests.Command;

/// <summary>A run past its timeout, or cancelled, takes its whole process tree with it.</summary>
public sealed class CommandLifetimeTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly ScriptFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A script that starts a grandchild (a long sleep), writes its pid to its first argument, and waits.</summary>
    private RunnerDefinition Sleeper(double timeoutSeconds) => Runners.For(_folder.Write("sleeper.sh", """
        #!/bin/sh
        sleep 1000 &
        echo $! > "$1"
        echo '{"step": 1, "loss": 1.0}'
        echo 'sleeping' >&2
        wait
        """), timeoutSeconds, _folder.PathOf("pid"));

    [Fact]
    public async Task A_run_past_its_timeout_fails_and_its_grandchild_is_killed()
    {
        var clock = Stopwatch.StartNew();

        var failure = await Runners.Fails(Sleeper(timeoutSeconds: 1), CommandFailureKind.TimedOut);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the run returned after {clock.Elapsed}");
        Assert.StartsWith("runner 'test-runner' timed out after 1 s; its process tree was killed", failure.Reason);
        Assert.Contains("sleeping", failure.StandardErrorTail);
        var grandchild = await ProcessProbe.ReadPid(_folder.PathOf("pid"), Patience);
        Assert.True(await ProcessProbe.StopsWithin(grandchild, Patience), $"sleep ({grandchild}) still runs");
    }

    [Fact]
    public async Task Cancellation_kills_the_tree_and_throws()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new RecordingProgress();
        var run = Runners.RunUntil(Sleeper(timeoutSeconds: 60), progress, cancellation.Token);
        var grandchild = await ProcessProbe.ReadPid(_folder.PathOf("pid"), Patience);
        Assert.True(ProcessProbe.IsRunning(grandchild));

        await cancellation.CancelAsync();

        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(cancellation.Token, thrown.CancellationToken);
        Assert.True(await ProcessProbe.StopsWithin(grandchild, Patience), $"sleep ({grandchild}) still runs");
    }

    [Fact]
    public async Task A_progress_callback_that_throws_ends_the_run_and_its_tree()
    {
        var failing = new RecordingProgress(_ => throw new InvalidOperationException("display went away"));

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => Runners.Run(Sleeper(timeoutSeconds: 60), failing));

        Assert.Equal("display went away", thrown.Message);
        var grandchild = await ProcessProbe.ReadPid(_folder.PathOf("pid"), Patience);
        Assert.True(await ProcessProbe.StopsWithin(grandchild, Patience), $"sleep ({grandchild}) still runs");
    }

    [Fact]
    public async Task A_cancelled_token_starts_nothing()
    {
        var marker = _folder.PathOf("started");
        var script = _folder.Write("touch.sh", "#!/bin/sh\ntouch \"$1\"\necho '{\"final_loss\": 1}'\n");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Runners.RunUntil(Runners.For(script, 20, marker), null, new CancellationToken(canceled: true)));

        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task A_background_process_holding_the_output_fails_the_run_after_the_grace()
    {
        var script = _folder.Write("stray.sh", """
            #!/bin/sh
            sleep 1000 &
            echo $! > "$1"
            echo '{"final_loss": 0.5}'
            exit 0
            """);
        var clock = Stopwatch.StartNew();
        try
        {
            var failure = await Runners.Fails(Runners.For(script, 30, _folder.PathOf("pid")), CommandFailureKind.NoResult);

            Assert.Contains("exited with code 0, but a process it started still holds its standard output open", failure.Reason);
            Assert.InRange(clock.Elapsed, CommandCellRunner.OutputGrace, TimeSpan.FromSeconds(15));
        }
        finally
        {
            ProcessProbe.Kill(await ProcessProbe.ReadPid(_folder.PathOf("pid"), Patience));
        }
    }
}
