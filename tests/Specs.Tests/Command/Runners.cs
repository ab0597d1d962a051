using Orchestrator.Specs.Experiments.Command;

namespace Orchestrator.Specs.Tests.Command;

/// <summary>Runner declarations and invocations for the process tests.</summary>
public static class Runners
{
    /// <summary>A runner that executes <paramref name="script"/> (an executable file) with <paramref name="arguments"/>.</summary>
    public static RunnerDefinition For(string script, double timeoutSeconds = 20, params string[] arguments) =>
        new("test-runner", script, arguments, null, TimeSpan.FromSeconds(timeoutSeconds), []);

    /// <summary>An invocation with fixed axis values: adam, 1.5, 256, seed 7, settings <c>lr=0.001</c>, <c>label=my run</c>.</summary>
    public static CommandInvocation Invocation(IReadOnlyDictionary<string, string>? settings = null) =>
        new("0123456789abcdef", "adam", 1.5, 256, 7,
            settings ?? new Dictionary<string, string> { ["lr"] = "0.001", ["label"] = "my run" });

    /// <summary>Runs <paramref name="runner"/> for <see cref="Invocation"/>, cancelled with the test.</summary>
    public static Task<CommandRunResult> Run(RunnerDefinition runner, IProgress<(int Step, double Loss)>? progress = null) =>
        new CommandCellRunner().RunAsync(runner, Invocation(), progress, TestContext.Current.CancellationToken);

    /// <summary>Runs <paramref name="runner"/> for <see cref="Invocation"/> under <paramref name="cancellationToken"/>.</summary>
    public static Task<CommandRunResult> RunUntil(RunnerDefinition runner, IProgress<(int Step, double Loss)>? progress,
        CancellationToken cancellationToken) =>
        new CommandCellRunner().RunAsync(runner, Invocation(), progress, cancellationToken);

    /// <summary>Runs and expects a failure of <paramref name="kind"/>.</summary>
    public static async Task<CommandRunFailedException> Fails(RunnerDefinition runner, CommandFailureKind kind)
    {
        var failure = await Assert.ThrowsAsync<CommandRunFailedException>(() => Run(runner));
        Assert.True(kind == failure.Kind, $"expected {kind}, got {failure.Kind}: {failure.Reason}");
        Assert.Equal(runner.Name, failure.Runner);
        return failure;
    }
}
