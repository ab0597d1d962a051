using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Numerics.Tests.Fitting;

/// <summary>Synthetic observations from L = E + A·N^(−α) with multiplicative log-normal noise, from a fixed seed.</summary>
internal static class SyntheticSweep
{
    public static readonly int[] DecadeAndHalf = [32, 64, 128, 256, 512, 1024];

    public static List<Observation> Series(
        string optimizer, double spectrum, double e, double a, double alpha, double noise, ulong seed,
        IReadOnlyList<int>? sizes = null, int seeds = 5)
    {
        var rng = new SplitMix64(seed);
        var observations = new List<Observation>();
        foreach (int size in sizes ?? DecadeAndHalf)
        {
            for (int s = 0; s < seeds; s++)
            {
                double loss = (e + a * Math.Pow(size, -alpha)) * Math.Exp(noise * Normal(ref rng));
                observations.Add(new Observation(optimizer, spectrum, size, s, loss, false));
            }
        }

        return observations;
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Normal(ref SplitMix64 rng)
    {
        double u1 = ((rng.NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));
        double u2 = (rng.NextUInt64() >> 11) * (1.0 / (1UL << 53));
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
