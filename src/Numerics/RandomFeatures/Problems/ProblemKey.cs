using Orchestrator.Numerics.Random;

namespace Orchestrator.Numerics.RandomFeatures.Problems;

/// <summary>
/// What defines a random-feature problem (features, target, data) independently of the optimizer: cells that differ
/// only in optimizer, learning rate or steps share it, and it alone seeds the random streams.
/// </summary>
public readonly record struct ProblemKey(
    int LatentDim, double Spectrum, double TargetDecay, int Outputs, int Size, int Seed, DataRegime Data)
{
    public static ProblemKey Of(RandomFeaturesRun run) =>
        new(run.LatentDim, run.Spectrum, run.TargetDecay, run.Outputs, run.Size, run.Seed, run.Data);

    /// <summary>Root seed of every stream of the problem: a SplitMix64 hash of all fields (doubles by their bits).</summary>
    public ulong RootSeed
    {
        get
        {
            var h = SplitMix64.Mix(0x5246_2D50_524F_424CUL);
            h = SplitMix64.Combine(h, (ulong)LatentDim);
            h = SplitMix64.Combine(h, (ulong)BitConverter.DoubleToInt64Bits(Spectrum));
            h = SplitMix64.Combine(h, (ulong)BitConverter.DoubleToInt64Bits(TargetDecay));
            h = SplitMix64.Combine(h, (ulong)Outputs);
            h = SplitMix64.Combine(h, (ulong)Size);
            h = SplitMix64.Combine(h, (ulong)(uint)Seed);
            h = SplitMix64.Combine(h, (ulong)Data.Kind);
            return SplitMix64.Combine(h, (ulong)Data.Samples);
        }
    }
}
