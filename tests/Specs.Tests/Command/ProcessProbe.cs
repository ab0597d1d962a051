using System.Diagnostics;

namespace Orchestrator.Specs.Tests.Command;

/// <summary>Whether a process still runs, from <c>/proc</c> (a zombie has stopped running, it only waits to be reaped).</summary>
public static class ProcessProbe
{
    public static bool IsRunning(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        // The state follows the parenthesised command name, which may itself hold spaces or parentheses.
        var state = stat[(stat.LastIndexOf(')') + 2)..][0];
        return state is not ('Z' or 'X' or 'x');
    }

    /// <summary>Waits up to <paramref name="limit"/> for <paramref name="pid"/> to stop running.</summary>
    public static async Task<bool> StopsWithin(int pid, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (IsRunning(pid))
        {
            if (clock.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    /// <summary>The pid a script wrote to <paramref name="file"/>, waiting up to <paramref name="limit"/> for it.</summary>
    public static async Task<int> ReadPid(string file, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out var pid))
            {
                return pid;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no pid in {file} after {limit}");
    }

    /// <summary>Kills a process a test left behind on purpose.</summary>
    public static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // Already gone.
        }
    }
}
