namespace Orchestrator.Grains;

/// <summary>How a sweep's results are fitted (from the spec's <c>fit</c> section).</summary>
[GenerateSerializer, Immutable]
public sealed record AggregatorSettings(
    [property: Id(0)] string Baseline,
    [property: Id(1)] int BootstrapResamples,
    [property: Id(2)] int? Steps);
