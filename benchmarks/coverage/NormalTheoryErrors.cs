namespace Orchestrator.FitCoverage;

/// <summary>
/// Standard errors of the fitted parameters from the Gauss–Newton covariance σ̂²·(JᵀWJ)⁻¹, with J the gradient of
/// the fitted log loss per size, W the cell counts and σ̂² the residual mean square over all cells (between-size
/// residuals plus the within-size scatter): the ingredients of the studentized (bootstrap-t) candidate.
/// </summary>
internal static class NormalTheoryErrors
{
    /// <summary>Standard errors of α and ln A of the power law ln L = ln A − α ln N.</summary>
    public static (double Alpha, double LogA) Power(double[] logSizes, double[] means, double[] weights, double withinSumOfSquares)
    {
        double n = 0, sx = 0;
        for (int j = 0; j < logSizes.Length; j++)
        {
            n += weights[j];
            sx += weights[j] * logSizes[j];
        }

        double xBar = sx / n, sxx = 0, sxy = 0, yBar = 0;
        for (int j = 0; j < logSizes.Length; j++)
        {
            yBar += weights[j] * means[j] / n;
        }

        for (int j = 0; j < logSizes.Length; j++)
        {
            sxx += weights[j] * (logSizes[j] - xBar) * (logSizes[j] - xBar);
            sxy += weights[j] * (logSizes[j] - xBar) * (means[j] - yBar);
        }

        double slope = sxy / sxx, rss = withinSumOfSquares;
        for (int j = 0; j < logSizes.Length; j++)
        {
            double r = means[j] - (yBar + slope * (logSizes[j] - xBar));
            rss += weights[j] * r * r;
        }

        double variance = rss / (n - 2);
        return (Math.Sqrt(variance / sxx), Math.Sqrt(variance * (1 / n + xBar * xBar / sxx)));
    }

    /// <summary>Standard errors of E, A and α of the saturating law at the fitted (E, A, α).</summary>
    public static (double E, double A, double Alpha) Saturating(double[] logSizes, double[] means, double[] weights,
        double withinSumOfSquares, double e, double a, double alpha)
    {
        var m = new double[3, 3];
        double n = 0, rss = withinSumOfSquares;
        for (int j = 0; j < logSizes.Length; j++)
        {
            if (weights[j] == 0)
            {
                continue;
            }

            double u = Math.Exp(-alpha * logSizes[j]), f = e + a * u;
            double[] gradient = [1 / f, u / f, -a * u * logSizes[j] / f];
            for (int p = 0; p < 3; p++)
            {
                for (int q = 0; q < 3; q++)
                {
                    m[p, q] += weights[j] * gradient[p] * gradient[q];
                }
            }

            double r = means[j] - Math.Log(f);
            rss += weights[j] * r * r;
            n += weights[j];
        }

        double variance = rss / (n - 3);
        double det = m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1])
            - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0])
            + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);
        // Diagonal of the inverse by cofactors; a singular matrix gives NaN, and the resample is left out.
        double ee = (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1]) / det;
        double aa = (m[0, 0] * m[2, 2] - m[0, 2] * m[2, 0]) / det;
        double alphaAlpha = (m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0]) / det;
        return (Root(variance * ee), Root(variance * aa), Root(variance * alphaAlpha));
    }

    private static double Root(double value) => value > 0 && double.IsFinite(value) ? Math.Sqrt(value) : double.NaN;
}
