namespace Orchestrator.Numerics.RandomFeatures.Problems;

/// <summary>
/// The N×N arrays of problems the <see cref="ProblemCache"/> has let go, handed to the next build of the same size
/// instead of being left to the collector: a 134 MB array at N = 4096 would otherwise stay resident as garbage
/// until a full collection while the next problem allocates its own. Keeps arrays of one length only (the most
/// recently returned or asked for), at most <see cref="MostKept"/> of them; arrays of another length are dropped for
/// the collector, with a background full collection when they are large.
/// </summary>
internal static class MatrixPool
{
    /// <summary>Most arrays kept: a finite-data problem has two N×N matrices.</summary>
    public const int MostKept = 2;

    /// <summary>Arrays below this length are not worth keeping (the collector handles them well): 1 MiB.</summary>
    public const long SmallestKept = 1L << 17;

    private static readonly Lock Gate = new();
    private static readonly Stack<double[]> Kept = new();

    /// <summary>Arrays handed out again so far (a diagnostic for tests and benchmarks).</summary>
    public static long Reused { get; private set; }

    /// <summary>A zeroed array of <paramref name="length"/> doubles, a kept one when there is one.</summary>
    public static double[] RentCleared(long length)
    {
        double[]? array = null;
        var dropped = 0L;
        lock (Gate)
        {
            if (Kept.TryPeek(out var top) && top.LongLength == length)
            {
                array = Kept.Pop();
                Reused++;
            }
            else
            {
                // Builds have moved to another size: the kept arrays would only hold memory.
                dropped = DropKept();
            }
        }

        ProblemCache.CollectIfLarge(dropped);
        if (array is null)
        {
            return new double[length];
        }

        Array.Clear(array);
        return array;
    }

    /// <summary>Keeps <paramref name="array"/> for the next build of its size; the caller must hold no reference to it.</summary>
    public static void Return(double[] array)
    {
        if (array.LongLength < SmallestKept)
        {
            return;
        }

        var dropped = 0L;
        lock (Gate)
        {
            if (Kept.TryPeek(out var top) && top.LongLength != array.LongLength)
            {
                dropped = DropKept();
            }

            if (Kept.Count < MostKept)
            {
                Kept.Push(array);
            }
            else
            {
                dropped += 8L * array.LongLength;
            }
        }

        ProblemCache.CollectIfLarge(dropped);
    }

    private static long DropKept()
    {
        var bytes = Kept.Sum(a => 8L * a.LongLength);
        Kept.Clear();
        return bytes;
    }
}
