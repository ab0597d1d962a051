using System.Diagnostics;
using Orchestrator.Numerics.Training;
using static Orchestrator.Specs.Experiments.Synthetic.SyntheticSettingNames;

namespace Orchestrator.Specs.Experiments.Synthetic;

/// <summary>
/// Runs <c>synthetic</c> cells: waits the declared duration·N^p (sleeping, so thousands of cells cost no CPU) and
/// reports the law's loss curve and the learning rate η of its dynamical time τ = η·t. Faults strike only where the host allows them; elsewhere the sweep was refused at
/// submission, and a cell that arrives anyway fails with the reason.
/// </summary>
public sealed class SyntheticKernel(bool allowFaultInjection) : IExperimentKernel
{
    public KernelOutput Run(CellDefinition cell, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var s = cell.Settings;
        var fault = SyntheticExperiment.FaultAt(cell);
        if (fault != SyntheticFault.None && !allowFaultInjection)
        {
            throw new InvalidOperationException(
                $"cell {cell.Id} asks for fault '{s[Fault].Text}', but this silo was not started with --allow-fault-injection");
        }

        var duration = TimeSpan.FromSeconds(SyntheticExperiment.DurationOf(cell));
        byte[]? held = null;
        switch (fault)
        {
            case SyntheticFault.Crash:
                Environment.FailFast($"synthetic fault: crash on cell {cell}");
                break;
            case SyntheticFault.Hang:
                cancellationToken.WaitHandle.WaitOne();
                break;
            case SyntheticFault.Allocate:
                held = new byte[checked(s[FaultMebibytes].AsInt32() * 1024L * 1024L)];
                // Touch every page, so the memory is really taken and not just reserved.
                for (var i = 0; i < held.Length; i += 4096)
                {
                    held[i] = 1;
                }

                break;
        }

        Wait(duration, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        GC.KeepAlive(held);

        var law = new SyntheticLaw(s[Floor].AsDouble(), s[Amplitude].AsDouble(), s[Alpha].AsDouble(),
            s[TimeAmplitude].AsDouble(), s[TimeExponent].AsDouble(), s[Noise].AsDouble());
        var learningRate = s[LearningRate].AsDouble();
        var curve = law.Curve(cell.Optimizer, cell.Spectrum, cell.Size, cell.Seed, s[Steps].AsInt32(), learningRate);
        var run = new RunResult(curve[^1].Loss, curve, Diverged: false, DivergenceReason: null,
            learningRate, stopwatch.Elapsed.TotalSeconds, FloatingPointOperations: 0,
            PeakBytes: held?.LongLength ?? 0);
        return new KernelOutput(run);
    }

    /// <summary>
    /// Waits <paramref name="duration"/> or until cancelled. A wait handle counts whole milliseconds, rounding down, so
    /// a cell of 0.3 ms would not wait at all and cost would stop growing with size below a millisecond: the remainder
    /// is spun, at most about a millisecond of CPU per cell.
    /// </summary>
    private static void Wait(TimeSpan duration, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        if (cancellationToken.WaitHandle.WaitOne(duration))
        {
            return;
        }

        var spinner = default(SpinWait);
        while (stopwatch.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
