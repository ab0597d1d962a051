using System.Security.Cryptography;
using System.Text;
using Orchestrator.Numerics.Random;
using Orchestrator.Numerics.Training;

namespace Orchestrator.Specs.Experiments.Synthetic;

/// <summary>
/// The known law L(N, τ) = (E + A·N^-α + B·τ^-β)·exp(σ·ε) with ε ~ N(0, 1), τ = η·t the dynamical time after t steps
/// at learning rate η. ε is drawn from a generator seeded by the cell's optimizer, spectrum, size and seed alone (and,
/// for a point of the curve before the last step, that step), so a cell's losses depend only on its definition, and
/// changing the duration or a fault setting never changes the numbers. With B = 0 the time term is left out, so the
/// final loss is (E + A·N^-α)·exp(σ·ε) to the bit whatever T and η are. Bit-identical across runs on one machine;
/// across machines it differs at most by the last-bit differences of the platform's <see cref="Math.Pow"/> and
/// <see cref="Math.Exp"/>.
/// </summary>
public sealed record SyntheticLaw(double Floor, double Amplitude, double Alpha, double TimeAmplitude, double Beta, double Sigma)
{
    /// <summary>E + A·N^-α + B·τ^-β, the noise-free loss (the time term only when B ≠ 0).</summary>
    public double Mean(int size, double tau)
    {
        var mean = Floor + Amplitude * Math.Pow(size, -Alpha);
        return TimeAmplitude == 0 ? mean : mean + TimeAmplitude * Math.Pow(tau, -Beta);
    }

    /// <summary>
    /// The loss at every step t ≥ 1 of the log-spaced schedule (<see cref="LossCurveSchedule"/>) up to
    /// <paramref name="steps"/>, at τ = <paramref name="learningRate"/>·t; the last point is the cell's final loss.
    /// </summary>
    public IReadOnlyList<LossPoint> Curve(string optimizer, double spectrum, int size, int seed, int steps, double learningRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        return LossCurveSchedule.Steps(steps)
            .Where(t => t >= 1)
            .Select(t =>
            {
                var epsilon = Sigma == 0 ? 0 : t == steps ? Noise(optimizer, spectrum, size, seed) : Noise(optimizer, spectrum, size, seed, t);
                return new LossPoint(t, Mean(size, learningRate * t) * Math.Exp(Sigma * epsilon));
            })
            .ToList();
    }

    /// <summary>The standard normal ε of one cell (its final loss).</summary>
    public static double Noise(string optimizer, double spectrum, int size, int seed) =>
        Normal(FormattableString.Invariant($"{optimizer}|{spectrum:R}|{size}|{seed}"));

    /// <summary>The standard normal ε of one cell at an earlier step of its curve.</summary>
    public static double Noise(string optimizer, double spectrum, int size, int seed, int step) =>
        Normal(FormattableString.Invariant($"{optimizer}|{spectrum:R}|{size}|{seed}|{step}"));

    private static double Normal(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var random = new Xoshiro256StarStar(BitConverter.ToUInt64(hash, 0));
        return random.NextStandardNormal();
    }
}
