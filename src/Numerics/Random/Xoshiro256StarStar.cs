namespace Orchestrator.Numerics.Random;

/// <summary>
/// xoshiro256** 1.0 (Blackman &amp; Vigna), seeded by four SplitMix64 draws, with standard normals by Doornik's
/// ziggurat (<see cref="NextStandardNormal"/>). The algorithm is fixed by the project so that a seed means
/// the same numbers on every machine and .NET version; System.Random makes no such promise.
/// A mutable struct: pass by <c>ref</c>; one instance is one sequential stream.
/// </summary>
public struct Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256StarStar(ulong seed)
    {
        var state = seed;
        _s0 = SplitMix64.Next(ref state);
        _s1 = SplitMix64.Next(ref state);
        _s2 = SplitMix64.Next(ref state);
        _s3 = SplitMix64.Next(ref state);
    }

    /// <summary>A generator with the raw state (s0, s1, s2, s3), not all zero: for reference vectors.</summary>
    public static Xoshiro256StarStar FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("the all-zero state is a fixed point of xoshiro256**");
        }

        return new Xoshiro256StarStar { _s0 = s0, _s1 = s1, _s2 = s2, _s3 = s3 };
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// A standard normal N(0, 1) draw by Doornik's 128-layer ziggurat: one 64-bit draw gives the uniform (top 53
    /// bits) and the layer (low 7 bits, disjoint from them); about 98.8% of draws are accepted at once, the rest
    /// use the wedge test or Marsaglia's tail method.
    /// </summary>
    public double NextStandardNormal()
    {
        var x = ZigguratTables.X;
        var ratio = ZigguratTables.Ratio;
        while (true)
        {
            var bits = NextUInt64();
            var u = 2.0 * ((bits >> 11) * (1.0 / (1UL << 53))) - 1.0;
            var layer = (int)(bits & (ZigguratTables.Layers - 1));
            if (Math.Abs(u) < ratio[layer])
            {
                return u * x[layer];
            }

            if (layer == 0)
            {
                return Tail(u < 0);
            }

            var candidate = u * x[layer];
            var squared = candidate * candidate;
            var f0 = Math.Exp(-0.5 * (x[layer] * x[layer] - squared));
            var f1 = Math.Exp(-0.5 * (x[layer + 1] * x[layer + 1] - squared));
            if (f1 + NextDouble() * (f0 - f1) < 1.0)
            {
                return candidate;
            }
        }
    }

    private double Tail(bool negative)
    {
        const double r = ZigguratTables.TailStart;
        double x, y;
        do
        {
            // 1 − U lies in (0, 1], so the logarithms are finite.
            x = Math.Log(1.0 - NextDouble()) / r;
            y = Math.Log(1.0 - NextDouble());
        }
        while (-2.0 * y < x * x);

        return negative ? x - r : r - x;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
