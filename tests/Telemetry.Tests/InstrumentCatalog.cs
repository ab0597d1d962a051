using Orchestrator.Grains;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Grains.Telemetry;
using Orchestrator.Numerics.Fitting;
using Orchestrator.Testing;

namespace Orchestrator.Telemetry.Tests;

/// <summary>
/// The instruments an <see cref="OrchestratorMetrics"/> publishes, found by listening to its meter while every
/// public member is exercised, with the number of measurements each produced.
/// </summary>
public sealed class InstrumentCatalog
{
    private InstrumentCatalog(IReadOnlyList<Instrument> instruments, IReadOnlyDictionary<string, int> measurements)
    {
        Instruments = instruments;
        Measurements = measurements;
    }

    public IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>Measurements seen per instrument name.</summary>
    public IReadOnlyDictionary<string, int> Measurements { get; }

    /// <summary>Every Prometheus series name the instruments are published as.</summary>
    public IReadOnlySet<string> PrometheusSeriesNames =>
        Instruments.SelectMany(PrometheusNaming.SeriesNames).ToHashSet(StringComparer.Ordinal);

    public static InstrumentCatalog Collect()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var instruments = new List<Instrument>();
        var measurements = new Dictionary<string, int>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // The factory is the meter's scope: only this catalogue's meter, not one of a test running alongside.
                if (instrument.Meter.Name == OrchestratorMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    lock (instruments)
                    {
                        instruments.Add(instrument);
                    }

                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Count(Instrument instrument)
        {
            lock (measurements)
            {
                measurements[instrument.Name] = measurements.GetValueOrDefault(instrument.Name) + 1;
            }
        }

        listener.SetMeasurementEventCallback<int>((i, _, _, _) => Count(i));
        listener.SetMeasurementEventCallback<long>((i, _, _, _) => Count(i));
        listener.SetMeasurementEventCallback<double>((i, _, _, _) => Count(i));
        listener.Start();

        using var metrics = new OrchestratorMetrics(factory);
        Exercise(metrics);
        listener.RecordObservableInstruments();
        return new InstrumentCatalog(instruments, measurements);
    }

    /// <summary>Calls every public member once, as a sweep on one silo would.</summary>
    public static void Exercise(OrchestratorMetrics metrics)
    {
        metrics.CellCompleted("sgd", "silo-1", AttemptOutcome.Succeeded, 1.5, 2e9);
        metrics.CellRetried(OrchestratorMetrics.ReasonClass(new TimeoutException()));
        metrics.CellFailed(OrchestratorMetrics.ReasonClass(new ArithmeticException()));
        metrics.SetSweepProgress("quickstart", 3, 2, 1, 0, 0, 120);
        metrics.Fits.Publish("quickstart", FitResults.Analysis(
            FitResults.Series("sgd", 1.5, LawNames.Saturating, 0.42, 0.40, 0.44) with
            {
                E = 0.1, A = 2, HoldoutLogError = 0.02, Flags = [FitFlags.NotSettled],
            }) with
        {
            CoefficientShifts = [FitResults.Shift("adam", "sgd", 1.5, LawNames.Saturating) with { ARatio = 0.9, EShift = -0.01 }],
        });
        metrics.Fits.Publish("size-time", SweepAnalysis.Empty with
        {
            SizeTimeFits = [new SizeTimeFit { Optimizer = "sgd", Spectrum = 1.0, SizeCount = 4, CellCount = 8, PointCount = 80, Alpha = 0.3, Beta = 0.5, Flags = [] }],
        });
        metrics.Fits.Publish("ranks", SweepAnalysis.Empty with { RankFits = [FitResults.Rank("muon", 1.0, "tail", "hard", 1.02, 0.9, 1.1)] });
        metrics.SetKernelSlots("silo-1", () => 1, 2);
        metrics.SetDesignProgress("adaptive", DesignProgresses.Running("TargetMet"));
    }
}
