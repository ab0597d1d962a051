using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using static Orchestrator.Grains.Telemetry.MetricLabels;

namespace Orchestrator.Grains.Telemetry;

/// <summary>
/// The orchestrator's metrics, published on the meter <see cref="MeterName"/>. Counters and the duration histogram
/// are recorded when called; gauges are observed at collection time from thread-safe snapshots that the setters
/// replace, so any grain may call any member concurrently.
/// </summary>
/// <remarks>
/// Every label has a bounded set of values: sweep names (at most 64 characters of [A-Za-z0-9_-], checked here too),
/// optimizer, silo and law names, spectrum exponents of the submitted sweeps, and the fixed sets of
/// <see cref="CellStates"/>, the final <see cref="AttemptOutcome"/>s and <see cref="FailureReasons"/> (and, for the
/// fits' gauges, <see cref="Fits"/>, their flag names and bounds; for the design's, <see cref="DesignLabels.Stops"/>). No cell identifier is ever a label. One instance per
/// process: the factory hands out one shared meter per name, and an OpenTelemetry meter provider collects every meter
/// of that name in the process, whichever factory made it.
/// </remarks>
public sealed class OrchestratorMetrics : IDisposable
{
    public const string MeterName = "Orchestrator";

    /// <summary>
    /// Cell duration bucket bounds in seconds, roughly 1–2.5–5 per decade from 1 ms to 1 h, so that
    /// <c>histogram_quantile</c> stays within a factor of 2.5 over the whole range of cell sizes.
    /// </summary>
    public static IReadOnlyList<double> DurationBucketsSeconds { get; } =
    [
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 1800, 3600,
    ];

    private readonly Meter _meter;
    private readonly Counter<long> _cellsCompleted;
    private readonly Histogram<double> _cellDuration;
    private readonly Counter<double> _floatingPointOperations;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _failures;
    private readonly ConcurrentDictionary<string, SweepProgress> _sweeps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, KernelSlotGauge> _kernelSlots = new(StringComparer.Ordinal);
    private readonly DesignGauges _design;

    public OrchestratorMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(new MeterOptions(MeterName));

        _cellsCompleted = _meter.CreateCounter<long>(
            "orchestrator.cells.completed", "{cell}", "Cells that reached a final outcome, by optimizer, silo and outcome.");
        _cellDuration = _meter.CreateHistogram(
            "orchestrator.cell.duration", "s", "Wall-clock time of one cell's final attempt, by optimizer.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBucketsSeconds });
        _floatingPointOperations = _meter.CreateCounter<double>(
            "orchestrator.kernel.floating_point_operations", "{flop}",
            "Floating-point operations done by experiment kernels, by silo and optimizer.");
        _retries = _meter.CreateCounter<long>(
            "orchestrator.cell.retries", "{retry}", "Cell attempts that failed and will be retried, by reason class.");
        _failures = _meter.CreateCounter<long>(
            "orchestrator.cell.failures", "{failure}", "Cells that failed for good after their last attempt, by reason class.");
        // Every reason series exists from the start at zero, so that rate() and increase() see the first failure.
        foreach (var reason in FailureReasons.All)
        {
            _retries.Add(0, new KeyValuePair<string, object?>("reason", reason));
            _failures.Add(0, new KeyValuePair<string, object?>("reason", reason));
        }

        _meter.CreateObservableGauge(
            "orchestrator.sweep.cells", ObserveSweepCells, "{cell}", "Cells of a sweep in each state.");
        _meter.CreateObservableGauge(
            "orchestrator.sweep.eta", ObserveSweepEta, "s", "Estimated seconds until a sweep's last cell finishes.");
        _meter.CreateObservableGauge(
            "orchestrator.kernel.slots.busy", ObserveBusySlots, "{slot}", "Kernel slots running a kernel on a silo.");
        _meter.CreateObservableGauge(
            "orchestrator.kernel.slots.capacity", ObserveSlotCapacity, "{slot}", "Kernel slots a silo has in all.");
        Fits = new FitGauges(_meter);
        _design = new DesignGauges(_meter);
    }

    /// <summary>The fits' gauges: the aggregator grain publishes each refit of a sweep there.</summary>
    public FitGauges Fits { get; }

    /// <summary>Records a cell that reached a final <paramref name="outcome"/> (succeeded, diverged or failed).</summary>
    /// <param name="seconds">Duration of the final attempt; negative or non-finite values are not recorded.</param>
    /// <param name="floatingPointOperations">Work done by the kernel; negative or non-finite values are not recorded.</param>
    public void CellCompleted(string optimizer, string silo, AttemptOutcome outcome, double seconds, double floatingPointOperations)
    {
        RequireLabel(optimizer, nameof(optimizer));
        RequireLabel(silo, nameof(silo));
        if (!outcome.IsFinal())
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Expected a final outcome: succeeded, diverged or failed.");
        }

        _cellsCompleted.Add(1,
            new KeyValuePair<string, object?>("optimizer", optimizer),
            new KeyValuePair<string, object?>("silo", silo),
            new KeyValuePair<string, object?>("outcome", outcome.Label()));
        if (double.IsFinite(seconds) && seconds >= 0)
        {
            _cellDuration.Record(seconds, new KeyValuePair<string, object?>("optimizer", optimizer));
        }

        if (double.IsFinite(floatingPointOperations) && floatingPointOperations >= 0)
        {
            _floatingPointOperations.Add(floatingPointOperations,
                new KeyValuePair<string, object?>("silo", silo),
                new KeyValuePair<string, object?>("optimizer", optimizer));
        }
    }

    /// <summary>Records an attempt that failed and will be retried; <paramref name="reasonClass"/> is one of <see cref="FailureReasons"/>.</summary>
    public void CellRetried(string reasonClass) =>
        _retries.Add(1, new KeyValuePair<string, object?>("reason", RequireReason(reasonClass)));

    /// <summary>Records a cell that failed for good; <paramref name="reasonClass"/> is one of <see cref="FailureReasons"/>.</summary>
    public void CellFailed(string reasonClass) =>
        _failures.Add(1, new KeyValuePair<string, object?>("reason", RequireReason(reasonClass)));

    /// <summary>The reason class of <paramref name="exception"/>; see <see cref="FailureReasons.Classify"/>.</summary>
    public static string ReasonClass(Exception exception) => FailureReasons.Classify(exception);

    /// <summary>
    /// Replaces <paramref name="sweep"/>'s cell counts and ETA. The five counts partition the sweep's cells, so
    /// <paramref name="done"/> counts finished cells that did not diverge (a <c>SweepStatus</c>'s <c>Done - Diverged</c>).
    /// A null or non-finite ETA is not published (nothing to extrapolate from yet); see <see cref="SweepEta"/>.
    /// </summary>
    public void SetSweepProgress(string sweep, int pending, int running, int done, int failed, int diverged, double? etaSeconds)
    {
        RequireSweep(sweep);
        if (pending < 0 || running < 0 || done < 0 || failed < 0 || diverged < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pending), "Cell counts cannot be negative.");
        }

        _sweeps[sweep] = new SweepProgress(pending, running, done, failed, diverged, etaSeconds);
    }

    /// <summary>Forgets <paramref name="sweep"/>: its progress, ETA, design and fits are no longer published.</summary>
    public void RemoveSweep(string sweep)
    {
        RemoveSweepProgress(sweep);
        RemoveDesign(sweep);
        Fits.Remove(sweep);
    }

    /// <summary>
    /// Replaces where <paramref name="sweep"/>'s adaptive design stands (<c>orchestrator.design.*</c>): per series α,
    /// its interval's width, the target and the units finished and queued; the core-seconds spent and committed, the
    /// budgets, the cells chosen, the decisions and the stop. Throws, publishing nothing new, when a label is out of
    /// bounds (a sweep name, an empty optimizer, a spectrum that is not finite, a stop that is not a <c>DesignStop</c>)
    /// or a count is negative.
    /// </summary>
    public void SetDesignProgress(string sweep, DesignProgress progress) => _design.Set(sweep, progress);

    /// <summary>Stops publishing <paramref name="sweep"/>'s design (what <see cref="SetDesignProgress"/> set).</summary>
    public void RemoveDesign(string sweep) => _design.Remove(sweep);

    /// <summary>
    /// Stops publishing <paramref name="sweep"/>'s cell counts and ETA (what <see cref="SetSweepProgress"/> set): the
    /// sweep grain calls it when its sweep has finished and the grace has passed, and when it deactivates.
    /// </summary>
    public void RemoveSweepProgress(string sweep) => _sweeps.TryRemove(sweep, out _);

    /// <summary>Publishes <paramref name="silo"/>'s kernel slots: <paramref name="busy"/> is read at each collection.</summary>
    public void SetKernelSlots(string silo, Func<int> busy, int total)
    {
        RequireLabel(silo, nameof(silo));
        ArgumentNullException.ThrowIfNull(busy);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        _kernelSlots[silo] = new KernelSlotGauge(busy, total);
    }

    public void Dispose()
    {
        _sweeps.Clear();
        Fits.Clear();
        _design.Clear();
        _kernelSlots.Clear();
        _meter.Dispose();
    }

    private IEnumerable<Measurement<int>> ObserveSweepCells()
    {
        foreach (var (sweep, progress) in _sweeps)
        {
            yield return SweepCells(sweep, CellStates.Pending, progress.Pending);
            yield return SweepCells(sweep, CellStates.Running, progress.Running);
            yield return SweepCells(sweep, CellStates.Done, progress.Done);
            yield return SweepCells(sweep, CellStates.Failed, progress.Failed);
            yield return SweepCells(sweep, CellStates.Diverged, progress.Diverged);
        }
    }

    private static Measurement<int> SweepCells(string sweep, string state, int count) =>
        new(count, new KeyValuePair<string, object?>("sweep", sweep), new KeyValuePair<string, object?>("state", state));

    private IEnumerable<Measurement<double>> ObserveSweepEta()
    {
        foreach (var (sweep, progress) in _sweeps)
        {
            if (progress.EtaSeconds is { } eta && double.IsFinite(eta))
            {
                yield return new Measurement<double>(Math.Max(0, eta), new KeyValuePair<string, object?>("sweep", sweep));
            }
        }
    }

    private IEnumerable<Measurement<int>> ObserveBusySlots()
    {
        foreach (var (silo, slots) in _kernelSlots)
        {
            yield return new Measurement<int>(slots.Busy(), new KeyValuePair<string, object?>("silo", silo));
        }
    }

    private IEnumerable<Measurement<int>> ObserveSlotCapacity()
    {
        foreach (var (silo, slots) in _kernelSlots)
        {
            yield return new Measurement<int>(slots.Total, new KeyValuePair<string, object?>("silo", silo));
        }
    }

    private static string RequireReason(string reasonClass) =>
        FailureReasons.IsKnown(reasonClass)
            ? reasonClass
            : throw new ArgumentOutOfRangeException(nameof(reasonClass), reasonClass, "Expected one of FailureReasons.All.");
}
