using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Grains.Telemetry;

namespace Orchestrator.Telemetry.Tests;

/// <summary>An <see cref="OrchestratorMetrics"/> on a private meter factory, with every measurement it makes recorded.</summary>
public sealed class MeasurementRecorder : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly MeterListener _listener;
    private readonly List<RecordedMeasurement> _measurements = [];
    private readonly HashSet<string> _observable = new(StringComparer.Ordinal);

    public MeasurementRecorder()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = _services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == OrchestratorMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    if (instrument.IsObservable)
                    {
                        lock (_observable)
                        {
                            _observable.Add(instrument.Name);
                        }
                    }

                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
        Metrics = new OrchestratorMetrics(factory);
    }

    public OrchestratorMetrics Metrics { get; }

    /// <summary>Measurements of <paramref name="instrument"/> so far, after observing the gauges once more.</summary>
    public IReadOnlyList<RecordedMeasurement> Observe(string instrument)
    {
        lock (_measurements)
        {
            // Gauges report their current values at each observation; keep only the latest.
            _measurements.RemoveAll(m => _observable.Contains(m.Instrument));
        }

        _listener.RecordObservableInstruments();
        lock (_measurements)
        {
            return _measurements.Where(m => m.Instrument == instrument).ToList();
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        Metrics.Dispose();
        _services.Dispose();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture)!;
        }

        lock (_measurements)
        {
            _measurements.Add(new RecordedMeasurement(instrument.Name, value, copy));
        }
    }
}
