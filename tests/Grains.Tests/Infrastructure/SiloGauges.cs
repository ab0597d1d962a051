using System.Diagnostics.Metrics;
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
    private readonly List<(string Instrument, string? Sweep)> _observed = [];

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
        _listener.SetMeasurementEventCallback<int>((i, _, tags, _) => Add(i, tags));
        _listener.SetMeasurementEventCallback<double>((i, _, tags, _) => Add(i, tags));
        _listener.Start();
    }

    /// <summary>The gauges (instrument names) that publish a series of <paramref name="sweep"/> now.</summary>
    public IReadOnlySet<string> Of(string sweep)
    {
        lock (_observed)
        {
            _observed.Clear();
            _listener.RecordObservableInstruments();
            return _observed.Where(o => o.Sweep == sweep).Select(o => o.Instrument).ToHashSet(StringComparer.Ordinal);
        }
    }

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

    private void Add(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? sweep = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "sweep")
            {
                sweep = tag.Value as string;
            }
        }

        _observed.Add((instrument.Name, sweep));
    }
}
