namespace Orchestrator.Telemetry.Tests;

/// <summary>One measurement seen by a <see cref="MeasurementRecorder"/>.</summary>
public sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, string> Tags)
{
    public bool Has(params (string Name, string Value)[] tags) =>
        tags.All(t => Tags.TryGetValue(t.Name, out var v) && v == t.Value);
}
