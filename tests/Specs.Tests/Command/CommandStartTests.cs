using Orchestrator.Specs.Experiments.Command;

namespace Orchestrator.Specs.Tests.Command;

/// <summary>A runner that cannot start fails before any process exists, saying what is missing.</summary>
public sealed class CommandStartTests : IDisposable
{
    private readonly ScriptFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_unknown_program_name_fails_naming_runner_and_executable()
    {
        var failure = await Runners.Fails(Runners.For("no-such-program-for-orchestrator"), CommandFailureKind.StartFailed);

        Assert.StartsWith("runner 'test-runner': executable 'no-such-program-for-orchestrator' was not found on PATH (",
            failure.Reason);
        Assert.Null(failure.ExitCode);
    }

    [Fact]
    public async Task A_missing_path_fails_saying_where_it_looked()
    {
        var runner = Runners.For("./missing.sh") with { WorkingDirectory = _folder.Path };

        var failure = await Runners.Fails(runner, CommandFailureKind.StartFailed);

        Assert.Equal(
            $"runner 'test-runner': executable './missing.sh' was not found (looked at '{_folder.PathOf("missing.sh")}')",
            failure.Reason);
    }

    [Fact]
    public async Task A_file_without_execute_permission_fails()
    {
        var script = _folder.Write("plain.sh", "#!/bin/sh\necho '{\"final_loss\": 1}'\n", executable: false);

        var failure = await Runners.Fails(Runners.For(script), CommandFailureKind.StartFailed);

        Assert.Contains($"('{script}') is not marked executable", failure.Reason);
    }

    [Fact]
    public async Task A_missing_working_directory_fails()
    {
        var folder = _folder.PathOf("absent");
        var runner = Runners.For("/bin/sh") with { WorkingDirectory = folder };

        var failure = await Runners.Fails(runner, CommandFailureKind.StartFailed);

        Assert.Equal($"runner 'test-runner': working directory '{folder}' does not exist", failure.Reason);
    }

    [Fact]
    public async Task A_placeholder_naming_nothing_of_the_cell_fails_before_starting()
    {
        var marker = _folder.PathOf("started");
        var script = _folder.Write("touch.sh", "#!/bin/sh\ntouch \"$1\"\necho '{\"final_loss\": 1}'\n");

        var failure = await Runners.Fails(Runners.For(script, 20, marker, "--depth={depth}"), CommandFailureKind.StartFailed);

        Assert.Equal(
            "runner 'test-runner' argument 1 ('--depth={depth}') names {depth}, which is neither an axis nor a setting " +
            "of the cell (known: optimizer, spectrum, size, seed, cell_id, label, lr)", failure.Reason);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task A_misdeclared_runner_is_refused()
    {
        var runner = Runners.For("/bin/sh") with { Timeout = TimeSpan.Zero };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Runners.Run(runner));

        Assert.Contains("Runners:test-runner:TimeoutSeconds: must be positive", error.Message);
    }
}
