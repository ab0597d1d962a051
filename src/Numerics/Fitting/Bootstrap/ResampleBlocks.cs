namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Runs resamples 0 … n − 1 in contiguous blocks, one per worker (at most <see cref="FitOptions.MaxDegreeOfParallelism"/>),
/// each block given its range to fill with its own buffers. When entry b depends only on b, the result is the same for
/// any number of workers; one worker runs on the caller's thread.
/// </summary>
internal static class ResampleBlocks
{
    public static void Run(int resamples, int maxDegreeOfParallelism, Action<int, int> block)
    {
        int workers = Math.Clamp(maxDegreeOfParallelism, 1, Math.Max(resamples, 1));
        if (workers == 1)
        {
            block(0, resamples);
            return;
        }

        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
            block(resamples * w / workers, resamples * (w + 1) / workers));
    }
}
