namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Splits resamples 0 … n − 1 into contiguous blocks, one per worker (at most
/// <see cref="FitOptions.MaxDegreeOfParallelism"/>), each with its own buffers. A resample's result depends only on
/// its index, so the results are the same for any number of workers; one worker runs on the caller's thread.
/// </summary>
internal static class ResampleBlocks
{
    /// <param name="resamples">How many resamples.</param>
    /// <param name="options">The options whose degree of parallelism applies.</param>
    /// <param name="block">Runs resamples [from, to).</param>
    public static void Run(int resamples, FitOptions options, Action<int, int> block)
    {
        int workers = Math.Clamp(options.MaxDegreeOfParallelism, 1, Math.Max(resamples, 1));
        if (workers == 1)
        {
            block(0, resamples);
            return;
        }

        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
            block(resamples * w / workers, resamples * (w + 1) / workers));
    }
}
