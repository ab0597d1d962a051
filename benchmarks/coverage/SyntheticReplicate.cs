using Orchestrator.Numerics.Fitting;
using Orchestrator.Numerics.Random;
using StreamKey = Orchestrator.Numerics.Random.SplitMix64;

namespace Orchestrator.FitCoverage;

/// <summary>One replicate's observations of a law, from a xoshiro256** stream keyed by (scenario, law, G, replicate).</summary>
internal static class SyntheticReplicate
{
    private const ulong Salt = 0xC0E5_A6E0_0F1D_E11EUL;

    public static List<Observation> Observations(TrueLaw law, int scenario, int seedsPerSize, int replicate)
    {
        ulong key = StreamKey.Combine(Salt, (ulong)scenario);
        key = StreamKey.Combine(key, StableHash(law.Optimizer));
        key = StreamKey.Combine(key, (ulong)seedsPerSize);
        key = StreamKey.Combine(key, (ulong)replicate);
        var random = new Xoshiro256StarStar(key);
        var observations = new List<Observation>(CoverageDesign.Sizes.Length * seedsPerSize);
        foreach (int size in CoverageDesign.Sizes)
        {
            double mean = law.E + law.A * Math.Pow(size, -law.Alpha);
            for (int seed = 0; seed < seedsPerSize; seed++)
            {
                double loss = mean * Math.Exp(CoverageDesign.Noise * random.NextStandardNormal());
                observations.Add(new Observation(law.Optimizer, CoverageDesign.Spectrum, size, seed, loss, false));
            }
        }

        return observations;
    }

    public static SeriesData Series(TrueLaw law, int scenario, int seedsPerSize, int replicate) =>
        SeriesData.Build(law.Optimizer, CoverageDesign.Spectrum, Observations(law, scenario, seedsPerSize, replicate));

    /// <summary>FNV-1a of the name: string.GetHashCode is randomised per process.</summary>
    private static ulong StableHash(string text)
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        return hash;
    }
}
