namespace Orchestrator.Grains;

/// <summary>
/// How a sweep's results are analysed: the experiment whose analysis runs, and its fit settings (from the spec's
/// <c>fit</c> section; <see cref="Steps"/> is T for experiments whose diagnostics need it). Settings stored before
/// the experiment was recorded read back without it and get the loss fits alone.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AggregatorSettings(
    [property: Id(0)] string Baseline,
    [property: Id(1)] int BootstrapResamples,
    [property: Id(2)] int? Steps,
    [property: Id(3)] string? Experiment = null);
