using Orchestrator.Numerics.Random;

namespace Orchestrator.Numerics.SpectralRank.Data;

/// <summary>
/// Token frequencies p_k ∝ k^(−z), k = 1..V (token index k − 1, so index order is frequency order), and draws from
/// them by inverse CDF (binary search over the cumulative masses, summed once in index order).
/// </summary>
public sealed class ZipfDistribution
{
    private readonly double[] _cumulative;

    public ZipfDistribution(int vocab, double exponent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocab, 1);
        Exponent = exponent;
        var weights = new double[vocab];
        var total = 0.0;
        for (var k = 0; k < vocab; k++)
        {
            weights[k] = Math.Pow(k + 1, -exponent);
            total += weights[k];
        }

        Probabilities = new double[vocab];
        _cumulative = new double[vocab];
        var running = 0.0;
        for (var k = 0; k < vocab; k++)
        {
            Probabilities[k] = weights[k] / total;
            running += Probabilities[k];
            _cumulative[k] = running;
        }
    }

    public double Exponent { get; }

    public int Vocab => Probabilities.Length;

    /// <summary>p_k for token index k, summing to 1 (to rounding), non-increasing in k.</summary>
    public double[] Probabilities { get; }

    /// <summary>Mass of tokens 0..k−1 (the mass before token k).</summary>
    public double MassBefore(int k) => k == 0 ? 0 : _cumulative[k - 1];

    /// <summary>A token index drawn with probability p_k; one 53-bit uniform per draw.</summary>
    public int Sample(ref Xoshiro256StarStar random)
    {
        // Scaled by the summed mass so that rounding in the cumulative sum can never leave u past the last entry.
        var u = random.NextDouble() * _cumulative[^1];
        int low = 0, high = _cumulative.Length - 1;
        while (low < high)
        {
            var mid = (low + high) >> 1;
            if (_cumulative[mid] > u)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }
}
