using System.Text.Json;
using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Grains;

/// <summary>
/// <see cref="SweepAnalysis"/> on the wire. The analysis records belong to the numerics, which know nothing of
/// Orleans; they cross as their JSON contract (the one <c>results.json</c> uses), which keeps every double exactly
/// (shortest round-trip form) and every null.
/// </summary>
[GenerateSerializer, Immutable]
public readonly struct SweepAnalysisSurrogate(string json)
{
    [Id(0)] public readonly string Json = json;
}

/// <summary>Converts <see cref="SweepAnalysis"/> to and from its surrogate; found by Orleans through the attribute.</summary>
[RegisterConverter]
public sealed class SweepAnalysisConverter : IConverter<SweepAnalysis, SweepAnalysisSurrogate>
{
    public SweepAnalysis ConvertFromSurrogate(in SweepAnalysisSurrogate surrogate) =>
        JsonSerializer.Deserialize<SweepAnalysis>(surrogate.Json)
        ?? throw new InvalidOperationException("a sweep analysis crossed the wire as JSON null");

    public SweepAnalysisSurrogate ConvertToSurrogate(in SweepAnalysis value) => new(JsonSerializer.Serialize(value));
}
