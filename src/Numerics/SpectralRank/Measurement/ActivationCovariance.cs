using Orchestrator.Numerics.LinearAlgebra;

namespace Orchestrator.Numerics.SpectralRank.Measurement;

/// <summary>
/// The non-zero spectrum of a covariance of activation rows, C = Σᵣ wᵣ (hᵣ − μ)(hᵣ − μ)ᵀ: over a weighted set of
/// distinct tokens (<see cref="Eigenvalues"/>) or over occurrences (<see cref="OverOccurrences"/>). With R the m×D
/// matrix of rows √wᵣ (hᵣ − μ), C = RᵀR, whose non-zero eigenvalues are those of RRᵀ; the smaller of the two
/// (min(m, D) square) is decomposed. The spectrum is therefore exact, padded with zeros only where the smaller side
/// is larger than the rank.
/// </summary>
public static class ActivationCovariance
{
    /// <summary>
    /// Eigenvalues (ascending) of the covariance of the rows <paramref name="tokens"/> of <paramref name="hidden"/>
    /// (V×D row-major) weighted by <paramref name="counts"/>: wₖ = cₖ/n (cₖ held-out occurrences of token k) and
    /// μ = Σₖ wₖhₖ. Returns the flops in <paramref name="flops"/>.
    /// </summary>
    public static double[] Eigenvalues(double[] hidden, int width, IReadOnlyList<int> tokens, IReadOnlyList<int> counts,
        IDenseLinearAlgebra algebra, out double flops)
    {
        var total = 0.0;
        foreach (var c in counts)
        {
            total += c;
        }

        var weights = new double[tokens.Count];
        var scales = new double[tokens.Count];
        for (var t = 0; t < weights.Length; t++)
        {
            weights[t] = counts[t] / total;
            scales[t] = Math.Sqrt(counts[t] / total);
        }

        return Spectrum(hidden, width, tokens, weights, scales, algebra, out flops);
    }

    /// <summary>
    /// Eigenvalues (ascending) of the sample covariance of the rows <paramref name="rows"/> (m ≥ 2 of them) of
    /// <paramref name="activations"/> (n×D row-major), one row per occurrence: μ = (1/m) Σ hᵣ and
    /// C = Σᵣ (hᵣ − μ)(hᵣ − μ)ᵀ / (m − 1). Returns the flops in <paramref name="flops"/>.
    /// </summary>
    public static double[] OverOccurrences(double[] activations, int width, IReadOnlyList<int> rows,
        IDenseLinearAlgebra algebra, out double flops)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows.Count, 2, nameof(rows));
        var weights = new double[rows.Count];
        var scales = new double[rows.Count];
        Array.Fill(weights, 1.0 / rows.Count);
        Array.Fill(scales, 1.0 / Math.Sqrt(rows.Count - 1));
        return Spectrum(activations, width, rows, weights, scales, algebra, out flops);
    }

    /// <summary>μ = Σ wᵣhᵣ, R = rows scalesᵣ·(hᵣ − μ), the non-zero spectrum of RᵀR.</summary>
    private static double[] Spectrum(double[] activations, int width, IReadOnlyList<int> rows, double[] meanWeights,
        double[] scales, IDenseLinearAlgebra algebra, out double flops)
    {
        var m = rows.Count;
        var mean = new double[width];
        for (var t = 0; t < m; t++)
        {
            var w = meanWeights[t];
            var row = (long)rows[t] * width;
            for (var j = 0; j < width; j++)
            {
                mean[j] += w * activations[row + j];
            }
        }

        var centred = new double[(long)m * width];
        for (var t = 0; t < m; t++)
        {
            var scale = scales[t];
            var row = (long)rows[t] * width;
            for (var j = 0; j < width; j++)
            {
                centred[(long)t * width + j] = scale * (activations[row + j] - mean[j]);
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
