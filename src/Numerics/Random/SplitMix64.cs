namespace Orchestrator.Numerics.Random;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014): the standard seeder of the xoshiro family, and a good 64-bit mixer for
/// deriving independent stream seeds from structured inputs.
/// </summary>
public static class SplitMix64
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>Advances <paramref name="state"/> by the golden gamma and returns the mixed value.</summary>
    public static ulong Next(ref ulong state)
    {
        state += Gamma;
        return Mix(state);
    }

    /// <summary>The SplitMix64 output function: a bijective avalanche mixer of 64 bits.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Folds <paramref name="value"/> into the running hash <paramref name="hash"/>; order matters.</summary>
    public static ulong Combine(ulong hash, ulong value) => Mix(hash + Gamma + Mix(value ^ 0x2545F4914F6CDD1DUL));
}
