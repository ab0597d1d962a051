namespace Orchestrator.Numerics.Benchmarks.Kernels;

/// <summary>Resident memory of this process from /proc/self/status (Linux): current and peak (high-water mark).</summary>
internal static class ProcessMemory
{
    public static long ResidentBytes => Read("VmRSS:");
    public static long PeakResidentBytes => Read("VmHWM:");

    private static long Read(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0]) * 1024;
            }
        }

        return -1;
    }
}
