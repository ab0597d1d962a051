using System.Security.Cryptography;
using System.Text;
using Orchestrator.Numerics.Random;

namespace Orchestrator.Specs.Experiments.Synthetic;

/// <summary>
/// The known law L(N) = (E + A·N^-α)·exp(σ·ε) with ε ~ N(0, 1). ε is drawn from a generator seeded by the cell's
/// optimizer, spectrum, size and seed alone, so a cell's loss depends only on its definition, and changing the
/// duration or a fault setting never changes the numbers. Bit-identical across runs on one machine; across machines
/// it differs at most by the last-bit differences of the platform's <see cref="Math.Pow"/> and <see cref="Math.Exp"/>.
/// </summary>
public static class SyntheticLaw
{
    public static double Loss(double floor, double amplitude, double alpha, double sigma, string optimizer,
        double spectrum, int size, int seed)
    {
        var epsilon = sigma == 0 ? 0 : Noise(optimizer, spectrum, size, seed);
        return (floor + amplitude * Math.Pow(size, -alpha)) * Math.Exp(sigma * epsilon);
    }

    /// <summary>The standard normal ε of one cell.</summary>
    public static double Noise(string optimizer, double spectrum, int size, int seed)
    {
        var key = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{optimizer}|{spectrum:R}|{size}|{seed}"));
        var hash = SHA256.HashData(key);
        var random = new Xoshiro256StarStar(BitConverter.ToUInt64(hash, 0));
        return random.NextStandardNormal();
    }
}
