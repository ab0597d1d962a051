using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>One small sweep run to the end with <c>--out out</c>, shared by the tests that read its results.</summary>
public sealed class ExportedSweep : IAsyncLifetime
{
    public const string Name = "exported";

    public CliProcess Cli { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var run = await Cli.RunAsync("run", Cli.WriteFile("spec.yaml", SlowSpecs.Small(Name)), "--out", "out");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
