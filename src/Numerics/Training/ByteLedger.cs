namespace Orchestrator.Numerics.Training;

/// <summary>
/// Counts the bytes of the arrays a computation allocates and releases, and their peak: the analytic memory
/// footprint a run reports (deterministic, unlike process memory, which it is compared against in benchmarks).
/// Not thread-safe: one ledger per computation.
/// </summary>
public sealed class ByteLedger
{
    public long Current { get; private set; }
    public long Peak { get; private set; }

    /// <summary>Allocates a zeroed double array and records its bytes.</summary>
    public double[] Allocate(long length)
    {
        var array = new double[length];
        Hold(8L * length);
        return array;
    }

    /// <summary>Records bytes held outside <see cref="Allocate"/> (e.g. a shared cached array this run uses).</summary>
    public void Hold(long bytes)
    {
        Current += bytes;
        Peak = Math.Max(Peak, Current);
    }

    public void Release(double[] array) => Release(8L * array.Length);

    public void Release(long bytes) => Current -= bytes;
}
