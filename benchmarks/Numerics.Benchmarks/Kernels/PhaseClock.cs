using System.Diagnostics;

namespace Orchestrator.Numerics.Benchmarks.Kernels;

/// <summary>Wall and process CPU time since the last lap: on a shared machine the CPU time is the steadier figure.</summary>
internal sealed class PhaseClock
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>"wall s, cpu s" since the previous lap (or since the clock started), and starts the next lap.</summary>
    public string Lap()
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var text = $"{_wall.Elapsed.TotalSeconds:F3} s\t{(cpu - _cpu).TotalSeconds:F3} s cpu";
        _wall.Restart();
        _cpu = cpu;
        return text;
    }
}
