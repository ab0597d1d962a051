using Orchestrator.Grains;

namespace Orchestrator.Client.Commands;

/// <summary>
/// What the process that hosts a data folder's embedded silo owes the sweeps stored there: the silo is the only one
/// that runs them, so it stays up while any of them runs.
/// </summary>
public static class FolderHost
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The folder's sweeps that are not finished (other than <paramref name="except"/>), oldest first.</summary>
    public static async Task<IReadOnlyList<string>> UnfinishedAsync(IClusterClient client, string? except = null)
    {
        var entries = await client.GetGrain<ISweepDirectoryGrain>(0).ListAsync();
        var statuses = await Task.WhenAll(entries
            .Where(e => e.Sweep != except)
            .Select(async e => (e.Sweep, Status: await client.GetGrain<ISweepGrain>(e.Sweep).GetStatusAsync())));
        return statuses.Where(s => !s.Status.IsFinished).Select(s => s.Sweep).ToList();
    }

    public static string Count(int n) => n == 1 ? "1 other sweep" : $"{n} other sweeps";

    /// <summary>
    /// After <paramref name="finished"/> ends, keeps the silo up until every other sweep of the folder has finished,
    /// saying so; an interrupt stops waiting at once (the sweeps resume when the folder is hosted again).
    /// </summary>
    public static async Task KeepHostingOthersAsync(IClusterClient client, string finished, CancellationToken cancellationToken)
    {
        var others = await UnfinishedAsync(client, finished);
        if (others.Count == 0)
        {
            return;
        }

        var (them, end) = others.Count == 1 ? ("it", "ends") : ("they", "end");
        Console.Error.WriteLine(
            $"\nSweep {finished} finished; still hosting {Count(others.Count)} in this folder ({string.Join(", ", others)}): " +
            $"keeping the silo up until {them} {end}. Ctrl-C stops it; {them} {(others.Count == 1 ? "resumes" : "resume")} next time.");
        var reported = new HashSet<string>(others);
        try
        {
            while (true)
            {
                await Task.Delay(PollInterval, cancellationToken);
                var running = await UnfinishedAsync(client, finished);
                foreach (var done in reported.Except(running).ToList())
                {
                    Console.Error.WriteLine($"Sweep {done} finished.");
                    reported.Remove(done);
                }

                foreach (var added in running.Except(reported).ToList())
                {
                    Console.Error.WriteLine($"Sweep {added} is running here too.");
                    reported.Add(added);
                }

                if (running.Count == 0)
                {
                    Console.Error.WriteLine("Every sweep in this folder has finished; stopping the silo.");
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine(
                $"\nStopped hosting; the {reported.Count} unfinished sweep(s) in this folder resume when `orchestrator run`, `orchestrator serve` or `orchestrator status --watch` hosts the folder.");
        }
    }
}
