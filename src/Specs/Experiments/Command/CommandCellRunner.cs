using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Orchestrator.Specs.Experiments.Command;

/// <summary>
/// Runs one <c>command</c> cell: starts the runner's executable directly (no shell) with the cell's arguments and a
/// cleared environment, reads its progress and result from standard output (see <see cref="RunAsync"/>), and keeps
/// the tail of its standard error for the failure reason. Past the runner's timeout, on a bad output line or on
/// cancellation, the whole process tree is killed. Safe to share: each call owns its process.
/// </summary>
public sealed class CommandCellRunner
{
    /// <summary>Characters of standard error kept for a failure reason.</summary>
    public const int StandardErrorTailChars = 4096;

    /// <summary>
    /// How long output may stay open after the process exits: a background process it left behind holds the pipe,
    /// and a run must not wait on it for ever.
    /// </summary>
    public static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait for a killed tree to exit and its last standard error to arrive.</summary>
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(5);

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly IReadOnlyDictionary<string, string>? _siloEnvironment;

    /// <summary>A runner passing variables through from this process's environment.</summary>
    public CommandCellRunner()
    {
    }

    /// <summary>A runner passing variables through from <paramref name="siloEnvironment"/> instead of this process's.</summary>
    public CommandCellRunner(IReadOnlyDictionary<string, string> siloEnvironment)
    {
        ArgumentNullException.ThrowIfNull(siloEnvironment);
        _siloEnvironment = siloEnvironment;
    }

    /// <summary>
    /// Runs <paramref name="runner"/> for <paramref name="invocation"/>. The child gets one argv entry per template
    /// element (<see cref="RunnerArguments.Expand"/>), the runner's working directory, no standard input, and only
    /// <c>PATH</c>, <c>HOME</c>, <c>LANG</c>, the runner's allowed variables, <c>ORCHESTRATOR_CELL_ID</c> and
    /// <c>ORCHESTRATOR_SEED</c>. Each stdout line must be a JSON object: <c>{"step": int, "loss": number}</c> is
    /// reported to <paramref name="progress"/> and kept as a curve point; one final
    /// <c>{"final_loss": number, "measurements": {…}}</c> is the result (a null or non-finite final loss is a diverged
    /// result, not a failure). Throws <see cref="CommandRunFailedException"/> when the runner cannot start, prints a
    /// bad line, exits with a code other than 0, exits without a final line or runs past its timeout, and
    /// <see cref="OperationCanceledException"/> on <paramref name="cancellationToken"/> (the process tree killed first).
    /// </summary>
    public async Task<CommandRunResult> RunAsync(RunnerDefinition runner, CommandInvocation invocation,
        IProgress<(int Step, double Loss)>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(invocation);
        if (RunnerDefinition.Validate(runner) is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(runner));
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var process = Start(runner, invocation);
        try
        {
            var clock = Stopwatch.StartNew();
            var output = new RunnerOutputReader(runner.Name, progress);
            var standardError = new StandardErrorTail(StandardErrorTailChars);
            var reading = output.ReadAsync(process.StandardOutput);
            var draining = standardError.ReadAsync(process.StandardError);
            var exited = process.WaitForExitAsync(CancellationToken.None);

            using var timeout = new CancellationTokenSource(runner.Timeout);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            string? rejected;
            try
            {
                // Output ends at end of file (normally when the process exits) or at the first bad line.
                await Task.WhenAny(reading, exited).WaitAsync(stop.Token).ConfigureAwait(false);
                if (!reading.IsCompleted && !await CompletesWithin(reading, OutputGrace, stop.Token).ConfigureAwait(false))
                {
                    KillTree(process);
                    throw new CommandRunFailedException(runner.Name, CommandFailureKind.NoResult,
                        $"runner '{runner.Name}' exited with code {process.ExitCode}, but a process it started still holds " +
                        "its standard output open; background processes must not outlive the runner",
                        process.ExitCode, standardError.Text);
                }

                rejected = await reading.ConfigureAwait(false);
                if (rejected is null)
                {
                    await exited.WaitAsync(stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                KillTree(process);
                await Settle(exited, draining).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                throw new CommandRunFailedException(runner.Name, CommandFailureKind.TimedOut,
                    string.Create(CultureInfo.InvariantCulture,
                        $"runner '{runner.Name}' timed out after {runner.Timeout.TotalSeconds:0.###} s; its process tree was killed"),
                    standardErrorTail: standardError.Text);
            }

            if (rejected is not null)
            {
                // The rest of the output cannot be trusted, and the run would only hold its slot: stop it now.
                KillTree(process);
                await Settle(exited, draining).ConfigureAwait(false);
                throw new CommandRunFailedException(runner.Name, CommandFailureKind.BadOutput, rejected,
                    standardErrorTail: standardError.Text);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            await CompletesWithin(draining, OutputGrace, CancellationToken.None).ConfigureAwait(false);
            var exitCode = process.ExitCode;
            if (exitCode != 0)
            {
                throw new CommandRunFailedException(runner.Name, CommandFailureKind.NonZeroExit,
                    $"runner '{runner.Name}' exited with code {exitCode}", exitCode, standardError.Text);
            }

            if (output.FinalLoss is not { } finalLoss)
            {
                throw new CommandRunFailedException(runner.Name, CommandFailureKind.NoResult,
                    $"runner '{runner.Name}' exited with code 0 without a final line " +
                    $"({{\"final_loss\": …}}) after {output.Curve.Count} progress lines", exitCode, standardError.Text);
            }

            return new CommandRunResult(finalLoss, [.. output.Curve], output.Measurements, seconds);
        }
        finally
        {
            // Whatever ends the call early (a progress callback throwing included), no child outlives it.
            if (!process.HasExited)
            {
                KillTree(process);
            }
        }
    }

    private Process Start(RunnerDefinition runner, CommandInvocation invocation)
    {
        var arguments = RunnerArguments.Expand(runner, invocation);
        var folder = Path.GetFullPath(runner.WorkingDirectory ?? Directory.GetCurrentDirectory());
        if (!Directory.Exists(folder))
        {
            throw new CommandRunFailedException(runner.Name, CommandFailureKind.StartFailed,
                $"runner '{runner.Name}': working directory '{folder}' does not exist");
        }

        var environment = ChildEnvironment(runner, invocation);
        var executable = ExecutableResolver.Resolve(runner, folder, environment.GetValueOrDefault("PATH"));
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Cleared, not filtered: whatever the silo holds (credentials, connection strings) is not the runner's.
        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new CommandRunFailedException(runner.Name, CommandFailureKind.StartFailed,
                $"runner '{runner.Name}' could not start '{executable}': {ex.Message}");
        }

        try
        {
            // End of file at once: a runner waiting for input must not read the silo's.
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child already exited; its exit code will say so.
        }

        return process;
    }

    private Dictionary<string, string> ChildEnvironment(RunnerDefinition runner, CommandInvocation invocation)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in RunnerDefinition.BaseEnvironment.Concat(runner.AllowedEnvironment))
        {
            var value = _siloEnvironment is null
                ? Environment.GetEnvironmentVariable(name)
                : _siloEnvironment.GetValueOrDefault(name);
            if (value is not null)
            {
                environment[name] = value;
            }
        }

        environment[RunnerDefinition.CellIdVariable] = invocation.CellId;
        environment[RunnerDefinition.SeedVariable] = invocation.Seed.ToString(CultureInfo.InvariantCulture);
        return environment;
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or AggregateException)
        {
            // Already exited, or part of the tree exited while it was being killed.
        }
    }

    /// <summary>Waits a little for a killed process to be reaped and its last standard error to arrive.</summary>
    private static async Task Settle(Task exited, Task draining)
    {
        await CompletesWithin(exited, KillGrace, CancellationToken.None).ConfigureAwait(false);
        await CompletesWithin(draining, OutputGrace, CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task<bool> CompletesWithin(Task task, TimeSpan limit, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(limit, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
