using Orchestrator.Grains;
using Orchestrator.Grains.Telemetry;

namespace Orchestrator.Telemetry.Tests;

/// <summary>
/// Reports to <see cref="OrchestratorMetrics"/> and calls grains the way a running sweep does: cells completing on two
/// silos with two optimizers, progress and ETA after each cell, a fit per series, the odd retry and failure, and
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
        foreach (var spectrum in Spectra)
        {
            var alpha = 0.5 + 0.1 * spectrum + 0.01 / k;
            metrics.SetFit(Sweep, optimizer, spectrum, "power", alpha, alpha - 0.03, alpha + 0.03);
            metrics.SetRankFit(Sweep, optimizer, spectrum, "tail", "hard", 2 * alpha, 2 * alpha - 0.1, 2 * alpha + 0.1);
        }

        // A new grain each step (activation and state read) and a write to a long-lived one.
        await grains.GetGrain<IProbeGrain>(k).IncrementAsync();
        await grains.GetGrain<IProbeGrain>(0).IncrementAsync();
    }
}
