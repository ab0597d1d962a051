using Orchestrator.Numerics.Fitting;
using Orchestrator.Numerics.Training;

namespace Orchestrator.Numerics.Tests.Fitting;

/// <summary>
/// Synthetic observations from L = E + A·N^(−α) (and, with curves, + B·τ^(−β) at τ = η·t) with multiplicative
/// log-normal noise, from a fixed seed.
/// </summary>
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

    /// <summary>
    /// Cells with loss curves at the schedule's steps t ≥ 1 up to <paramref name="steps"/>: each point
    /// (E + A·N^(−α) + B·(η·t)^(−β))·exp(noise·ε) with its own ε; the final loss is the last point's.
    /// </summary>
    public static List<Observation> Curves(
        string optimizer, double spectrum, double e, double a, double alpha, double b, double beta, double noise, ulong seed,
        IReadOnlyList<int> sizes, int seeds = 5, int steps = 1000, double learningRate = 1)
    {
        var rng = new SplitMix64(seed);
        var observations = new List<Observation>();
        foreach (int size in sizes)
        {
            for (int s = 0; s < seeds; s++)
            {
                var curve = LossCurveSchedule.Steps(steps).Where(t => t >= 1)
                    .Select(t => new LossPoint(t, (e + a * Math.Pow(size, -alpha) + b * Math.Pow(learningRate * t, -beta)) * Math.Exp(noise * Normal(ref rng))))
                    .ToArray();
                observations.Add(new Observation(optimizer, spectrum, size, s, curve[^1].Loss, false, null, curve, learningRate));
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
