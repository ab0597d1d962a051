namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a small, fast generator with a fixed, documented algorithm, so that a
/// bootstrap gives the same draws on every runtime (System.Random's algorithm is not part of its contract).
/// Streams are keyed by (seed, resample, size), which makes every draw independent of evaluation order.
/// </summary>
internal struct SplitMix64(ulong state)
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private ulong _state = state;

    /// <summary>The stream for one resample at one size.</summary>
    public static SplitMix64 ForCell(ulong seed, int resample, int size) =>
        new(Mix(Mix(seed ^ Mix((ulong)resample + Gamma)) ^ (ulong)(uint)size));

    public ulong NextUInt64()
    {
        _state += Gamma;
        return Mix(_state);
    }

    /// <summary>Uniform on [0, n), unbiased (Lemire's multiply-and-reject).</summary>
    public int NextInt(int n)
    {
        ulong bound = (ulong)n;
        UInt128 product = (UInt128)NextUInt64() * bound;
        ulong low = (ulong)product;
        if (low < bound)
        {
            ulong threshold = (0 - bound) % bound;
            while (low < threshold)
            {
                product = (UInt128)NextUInt64() * bound;
                low = (ulong)product;
            }
        }

        return (int)(product >> 64);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
