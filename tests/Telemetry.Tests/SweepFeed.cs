using Orchestrator.Grains;
using Orchestrator.Grains.Telemetry;
using Orchestrator.Numerics.Fitting;
using Orchestrator.Numerics.SpectralRank.Fitting;

namespace Orchestrator.Telemetry.Tests;

/// <summary>
/// Reports to <see cref="OrchestratorMetrics"/> and calls grains the way a running sweep does: cells completing on two
/// silos with two optimizers, progress and ETA after each cell, the sweep's fits and its design as if it were adaptive, the odd retry and failure, and
/// grain calls that activate, read and write state. Deterministic: step <c>k</c> always reports the same values.
/// </summary>
public sealed class SweepFeed(OrchestratorMetrics metrics, IGrainFactory grains)
{
    public const string Sweep = "telemetry-it";
    private const int Cells = 1000;
    private static readonly string[] Optimizers = ["sgd", "adam"];
    private static readonly string[] Silos = ["silo-1", "silo-2"];
    private static readonly double[] Spectra = [1.25, 2.0];

    private int _step;

    /// <summary>Runs <see cref="StepAsync"/> every <paramref name="period"/> until cancelled.</summary>
    public async Task RunAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        foreach (var silo in Silos)
        {
            var capacity = 4;
            metrics.SetKernelSlots(silo, () => 1 + (Volatile.Read(ref _step) % capacity), capacity);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            await StepAsync();
            try
            {
                await Task.Delay(period, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// The sweep's fits after step <paramref name="k"/>, every figure converging as k grows: both laws of each
    /// optimizer at each spectrum (the saturating law flagged), the optimizers' coefficient shifts and rank exponents.
    /// </summary>
    private static SweepAnalysis Analysis(int k)
    {
        var fits = new List<SeriesFit>();
        var shifts = new List<CoefficientShift>();
        var ranks = new List<RankFit>();
        var sizeTime = new List<SizeTimeFit>();
        foreach (var spectrum in Spectra)
        {
            foreach (var (optimizer, i) in Optimizers.Select((optimizer, i) => (optimizer, i)))
            {
                var alpha = 0.5 + 0.1 * spectrum + 0.05 * i + 0.01 / k;
                var a = 2.0 + i + 1.0 / k;
                fits.Add(FitResults.Series(optimizer, spectrum, LawNames.Power, alpha, alpha - 0.03, alpha + 0.03) with
                {
                    E = 0, A = a, ACiLow = a - 0.2, ACiHigh = a + 0.2, HoldoutLogError = 0.1 / k,
                });
                fits.Add(FitResults.Series(optimizer, spectrum, LawNames.Saturating, alpha, alpha - 0.05, alpha + 0.05) with
                {
                    E = 0.1, ECiLow = 0.08, ECiHigh = 0.12, A = a, ACiLow = a - 0.3, ACiHigh = a + 0.3, HoldoutLogError = -0.1 / k,
                    Flags = [FitFlags.NotSettled],
                });
                ranks.Add(FitResults.Rank(optimizer, spectrum, "tail", "hard", 2 * alpha, 2 * alpha - 0.1, 2 * alpha + 0.1));
                sizeTime.Add(new SizeTimeFit
                {
                    Optimizer = optimizer, Spectrum = spectrum, SizeCount = 4, CellCount = 12, PointCount = 200,
                    Alpha = alpha, AlphaCiLow = alpha - 0.04, AlphaCiHigh = alpha + 0.04, Beta = 0.5, BetaCiLow = 0.45, BetaCiHigh = 0.55,
                    E = 0.1, A = a, B = 1, Flags = [],
                });
            }

            var ratio = 0.8 + 0.1 / k;
            shifts.Add(FitResults.Shift(Optimizers[1], Optimizers[0], spectrum, LawNames.Saturating) with
            {
                ARatio = ratio, ARatioCiLow = ratio - 0.1, ARatioCiHigh = ratio + 0.1,
                EShift = -0.01, EShiftCiLow = -0.03, EShiftCiHigh = 0.01,
            });
        }

        return FitResults.Analysis([.. fits]) with { CoefficientShifts = shifts, RankFits = ranks, SizeTimeFits = sizeTime };
    }

    /// <summary>
    /// The sweep's design after step <paramref name="k"/>, as if it were adaptive: every series' interval narrowing
    /// towards the target, its units queued and finished, the spend against the budget; it stops once the spend
    /// reaches the budget, a few seconds in, so that a scrape sees it stopped too.
    /// </summary>
    private static DesignProgress Design(int k)
    {
        const double budget = 10;
        var spent = Math.Min(budget, 0.25 * k);
        var series = Spectra.SelectMany(spectrum => Optimizers.Select((optimizer, i) =>
        {
            var width = 0.02 + (0.2 + 0.05 * i) / Math.Sqrt(k);
            return new SeriesDesignProgress(optimizer, spectrum, 0.5 + 0.1 * spectrum + 0.05 * i, width, k / 4, 1 + (k + i) % 3, width <= 0.03);
        })).ToList();
        return new DesignProgress("Uncertainty", 0.03, budget, null, spent, Math.Min(budget, spent + 2), 2 * k, k,
            spent >= budget ? "BudgetSpent" : null, series);
    }

    public async Task StepAsync()
    {
        var k = Interlocked.Increment(ref _step);
        var optimizer = Optimizers[k % Optimizers.Length];
        var silo = Silos[(k / 2) % Silos.Length];
        var outcome = k % 7 == 0 ? AttemptOutcome.Diverged : AttemptOutcome.Succeeded;
        metrics.CellCompleted(optimizer, silo, outcome, seconds: 0.05 * (1 + k % 9), floatingPointOperations: 2.5e8 * (1 + k % 5));
        if (k % 5 == 0)
        {
            metrics.CellRetried(OrchestratorMetrics.ReasonClass(new TimeoutException()));
        }

        if (k % 11 == 0)
        {
            metrics.CellFailed(OrchestratorMetrics.ReasonClass(new ArithmeticException()));
        }

        var done = Math.Min(k, Cells);
        metrics.SetSweepProgress(Sweep, pending: Cells - done - 2, running: 2, done: done, failed: k / 11, diverged: k / 7,
            etaSeconds: (Cells - done) * 0.2);
        metrics.Fits.Publish(Sweep, Analysis(k));
        metrics.SetDesignProgress(Sweep, Design(k));

        // A new grain each step (activation and state read) and a write to a long-lived one.
        await grains.GetGrain<IProbeGrain>(k).IncrementAsync();
        await grains.GetGrain<IProbeGrain>(0).IncrementAsync();
    }
}
