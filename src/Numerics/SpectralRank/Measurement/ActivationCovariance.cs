using Orchestrator.Numerics.LinearAlgebra;

namespace Orchestrator.Numerics.SpectralRank.Measurement;

/// <summary>
/// The non-zero spectrum of the covariance of hidden activations over a weighted set of tokens:
/// C = Σₖ wₖ (hₖ − μ)(hₖ − μ)ᵀ with weights wₖ = cₖ/n (cₖ held-out occurrences of token k) and μ = Σₖ wₖhₖ.
/// With R the m×D matrix of rows √wₖ (hₖ − μ), C = RᵀR, whose non-zero eigenvalues are those of RRᵀ; the smaller
/// of the two (min(m, D) square) is decomposed. The spectrum is therefore exact, padded with zeros only where the
/// smaller side is larger than the rank.
/// </summary>
public static class ActivationCovariance
{
    /// <summary>
    /// Eigenvalues (ascending) of the covariance of the rows <paramref name="tokens"/> of <paramref name="hidden"/>
    /// (V×D row-major) weighted by <paramref name="counts"/>. Returns the flops in <paramref name="flops"/>.
    /// </summary>
    public static double[] Eigenvalues(double[] hidden, int width, IReadOnlyList<int> tokens, IReadOnlyList<int> counts,
        IDenseLinearAlgebra algebra, out double flops)
    {
        var m = tokens.Count;
        var total = 0.0;
        foreach (var c in counts)
        {
            total += c;
        }

        var mean = new double[width];
        for (var t = 0; t < m; t++)
        {
            var w = counts[t] / total;
            var row = (long)tokens[t] * width;
            for (var j = 0; j < width; j++)
            {
                mean[j] += w * hidden[row + j];
            }
        }

        var centred = new double[(long)m * width];
        for (var t = 0; t < m; t++)
        {
            var scale = Math.Sqrt(counts[t] / total);
            var row = (long)tokens[t] * width;
            for (var j = 0; j < width; j++)
            {
                centred[(long)t * width + j] = scale * (hidden[row + j] - mean[j]);
            }
        }

        var order = Math.Min(m, width);
        var gram = new double[(long)order * order];
        if (m <= width)
        {
            algebra.SymmetricRankUpdate(m, width, 1.0, centred, 0.0, gram);
        }
        else
        {
            algebra.Multiply(true, false, width, width, m, 1.0, centred, centred, 0.0, gram);
        }

        DenseMatrix.SymmetrizeFromLower(order, gram);
        flops = 5.0 * m * width + DenseMatrix.MultiplyFlops(order, order, Math.Max(m, width))
            + SymmetricEigendecomposition.EstimatedFlops(order);
        return algebra.Eigendecompose(order, gram).Eigenvalues;
    }
}
