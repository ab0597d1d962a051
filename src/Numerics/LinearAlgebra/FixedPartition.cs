namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>
/// Splits an index range into pieces whose boundaries depend only on its length, never on the thread count, so a
/// product computed piece by piece gives the same bits however many pieces run at once.
/// </summary>
internal static class FixedPartition
{
    /// <summary>Target number of pieces (enough to balance up to this many threads).</summary>
    public const int Pieces = 8;

    /// <summary>Products below this many flops run as one call.</summary>
    public const double MinimumFlops = 1 << 23;

    /// <summary>Boundaries of about <see cref="Pieces"/> equal pieces of [0, length), multiples of 16 inside.</summary>
    public static int[] Even(int length)
    {
        var size = Math.Max(16, (length + Pieces - 1) / Pieces + 15 & ~15);
        var bounds = new List<int> { 0 };
        for (var start = size; start < length; start += size)
        {
            bounds.Add(start);
        }

        bounds.Add(length);
        return bounds.ToArray();
    }

    /// <summary>
    /// Boundaries of row panels of a lower triangle with about equal work: r_j ≈ n·√(j/P), multiples of 16 inside.
    /// </summary>
    public static int[] Triangular(int n)
    {
        var bounds = new List<int> { 0 };
        for (var j = 1; j < Pieces; j++)
        {
            var r = (int)(n * Math.Sqrt((double)j / Pieces)) & ~15;
            if (r > bounds[^1] && r < n)
            {
                bounds.Add(r);
            }
        }

        bounds.Add(n);
        return bounds.ToArray();
    }

    /// <summary>
    /// Runs <paramref name="body"/> for each piece, at most <see cref="KernelParallelism.MaxThreads"/> (and the threads
    /// it can borrow from waiting kernels) at once.
    /// </summary>
    public static void Run(int[] bounds, Action<int, int> body)
    {
        var pieces = bounds.Length - 1;
        if (pieces == 1)
        {
            body(bounds[0], bounds[1]);
            return;
        }

        KernelParallelism.For(0, pieces, CancellationToken.None, p => body(bounds[p], bounds[p + 1]));
    }
}
