using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Grains.Telemetry;
using Orleans.TestingHost;

namespace Orchestrator.Grains.Tests.Infrastructure;

/// <summary>
/// The sweeps that one in-process silo's orchestrator gauges publish, read with a <see cref="MeterListener"/> that
/// listens to that silo's meter factory only (other test clusters in the process have meters of the same name).
/// </summary>
public sealed class SiloGauges : IDisposable
{
    private readonly MeterListener _listener;
    private readonly List<ObservedSeries> _observed = [];

    public SiloGauges(SiloHandle? silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var factory = ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.IsObservable && instrument.Meter.Name == OrchestratorMetrics.MeterName
                    && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    /// <summary>The gauges (instrument names) that publish a series of <paramref name="sweep"/> now.</summary>
    public IReadOnlySet<string> Of(string sweep) =>
        Observe(sweep).Select(o => o.Instrument).ToHashSet(StringComparer.Ordinal);

    /// <summary>The series that <paramref name="instrument"/> publishes of <paramref name="sweep"/> now.</summary>
    public IReadOnlyList<ObservedSeries> Series(string sweep, string instrument) =>
        Observe(sweep).Where(o => o.Instrument == instrument).ToList();

    /// <summary>Waits until <paramref name="until"/> holds of <paramref name="sweep"/>'s gauges; false on timeout.</summary>
    public async Task<bool> WaitAsync(string sweep, Func<IReadOnlySet<string>, bool> until, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!until(Of(sweep)))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    public void Dispose() => _listener.Dispose();

    private List<ObservedSeries> Observe(string sweep)
    {
        lock (_observed)
        {
            _observed.Clear();
            _listener.RecordObservableInstruments();
            return _observed.Where(o => o.Labels.GetValueOrDefault("sweep") == sweep).ToList();
        }
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            labels[tag.Key] = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
        }

        _observed.Add(new ObservedSeries(instrument.Name, value, labels));
    }
}
