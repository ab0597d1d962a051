using MathNet.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Fitting;

namespace Orchestrator.FitCoverage;

/// <summary>
/// Welch–Satterthwaite degrees of freedom under a common within-size variance: with c_j the least-squares slopes of
/// θ*_b on the resamples' size-mean deviations (the estimator's gradient in the size means),
/// ν = (Σ c_j²/G_j)² / Σ (c_j²/G_j)²/(G_j − 1). Unlike the product's <see cref="SatterthwaiteDegreesOfFreedom"/> it
/// does not use each size's own scatter, so it is steadier where the variance is the same at every size (as here)
/// and wrong where it is not; one series only.
/// </summary>
internal static class CommonVarianceDegreesOfFreedom
{
    public static double Of(double[] samples, ResampledFits fits, int[] seedCounts)
    {
        int sizes = seedCounts.Length;
        var rows = Enumerable.Range(0, samples.Length).Where(b => double.IsFinite(samples[b])).ToArray();
        var used = Enumerable.Range(0, sizes).Where(j => seedCounts[j] >= 2).ToArray();
        if (rows.Length <= used.Length + 1)
        {
            return double.NaN;
        }

        double mean = rows.Average(b => samples[b]);
        var x = Matrix<double>.Build.Dense(rows.Length, used.Length, (i, k) => fits.Deviations[rows[i] * sizes + used[k]]);
        var y = Vector<double>.Build.Dense(rows.Length, i => samples[rows[i]] - mean);
        var c = x.QR().Solve(y);
        double numerator = 0, denominator = 0;
        for (int k = 0; k < used.Length; k++)
        {
            int g = seedCounts[used[k]];
            double share = c[k] * c[k] / g;
            numerator += share;
            denominator += share * share / (g - 1);
        }

        return denominator > 0 ? numerator * numerator / denominator : double.NaN;
    }
}
