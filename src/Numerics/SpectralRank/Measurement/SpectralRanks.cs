namespace Orchestrator.Numerics.SpectralRank.Measurement;

/// <summary>
/// Effective ranks of a covariance spectrum. Negative eigenvalues (rounding of a positive semi-definite matrix) count
/// as 0; an all-zero spectrum has rank 0. Both ranks lie in [1, n] for a non-zero spectrum of n values, equal n for a
/// flat spectrum and 1 for a single spike; they are sums in index order, so they are deterministic.
/// </summary>
public static class SpectralRanks
{
    /// <summary>Soft rank exp(−Σ pᵢ ln pᵢ), pᵢ = λᵢ/Σλ (0 ln 0 = 0): the exponential of the spectral entropy.</summary>
    public static double Soft(ReadOnlySpan<double> eigenvalues)
    {
        var total = Total(eigenvalues);
        if (!(total > 0))
        {
            return 0;
        }

        var entropy = 0.0;
        foreach (var lambda in eigenvalues)
        {
            if (lambda > 0)
            {
                var p = lambda / total;
                entropy -= p * Math.Log(p);
            }
        }

        return Math.Exp(entropy);
    }

    /// <summary>Hard rank (participation ratio) (Σλ)² / Σλ².</summary>
    public static double Hard(ReadOnlySpan<double> eigenvalues)
    {
        var total = Total(eigenvalues);
        if (!(total > 0))
        {
            return 0;
        }

        // Scaled by the total first, so that neither sum can overflow or underflow.
        var squares = 0.0;
        foreach (var lambda in eigenvalues)
        {
            if (lambda > 0)
            {
                var p = lambda / total;
                squares += p * p;
            }
        }

        return 1.0 / squares;
    }

    private static double Total(ReadOnlySpan<double> eigenvalues)
    {
        var total = 0.0;
        foreach (var lambda in eigenvalues)
        {
            if (lambda > 0)
            {
                total += lambda;
            }
        }

        return total;
    }
}
