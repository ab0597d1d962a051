namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// The Welch–Satterthwaite degrees of freedom ν of a bootstrap interval (<see cref="BootstrapInterval"/>). A fitted
/// value θ is a function of the size means; to first order a resample's θ*_b − θ̄* = Σ_j z_bj, where
/// z_bj = Σ_s c_sj·d_bsj is the part due to size j (d_bsj: the resample's deviation of series s's mean at size j from
/// the data's; c: the least-squares slopes of θ* on all the d). Sizes are resampled independently, so the bootstrap
/// variance of θ is Σ_j V_j, V_j the variance of z_j over the resamples, and V_j is estimated from the G_j − 1 degrees
/// of freedom of the scatter at size j. Hence ν = (Σ_j V_j)² / Σ_j V_j²/(G_j − 1): Σ (G_j − 1) when every size
/// carries θ equally, down to G − 1 when one size carries it all. The slopes run over every contributing series, so
/// a paired shift's ν sees both series' scatter and their correlation through the shared draws.
/// </summary>
internal static class SatterthwaiteDegreesOfFreedom
{
    /// <summary>Relative ridge on the normal equations, so that collinear deviations (two series with equal losses) do not stop the solve.</summary>
    private const double Ridge = 1e-10;

    /// <param name="values">θ*_b for every resample b (NaN where undefined; those resamples are left out).</param>
    /// <param name="deviations">
    /// The size-mean deviations of the series θ* is formed from (one series; a series and its baseline; every series
    /// a shared exponent pools), each with entry b·sizes + j (<see cref="ResampledFits.Deviations"/>), on one universe.
    /// </param>
    /// <param name="seedCounts">The universe's seed count per size.</param>
    /// <returns>ν, or NaN where it cannot be formed (too few resamples, or no spread).</returns>
    public static double Of(IReadOnlyList<double> values, IReadOnlyList<double[]> deviations, IReadOnlyList<int> seedCounts)
    {
        int sizes = seedCounts.Count;
        var rows = Enumerable.Range(0, values.Count).Where(b => double.IsFinite(values[b])).ToArray();
        var columns = new List<(double[] Deviations, int Size, double Mean)>();
        foreach (var series in deviations)
        {
            for (int j = 0; j < sizes; j++)
            {
                if (seedCounts[j] < 2)
                {
                    continue;
                }

                double sum = 0, sumOfSquares = 0;
                foreach (int b in rows)
                {
                    double d = series[b * sizes + j];
                    sum += d;
                    sumOfSquares += d * d;
                }

                // A column that never moves (equal losses at that size) carries nothing.
                if (rows.Length > 0 && sumOfSquares - sum * sum / rows.Length > 0)
                {
                    columns.Add((series, j, sum / rows.Length));
                }
            }
        }

        int k = columns.Count;
        if (k == 0 || rows.Length <= k + 1)
        {
            return double.NaN;
        }

        double yMean = rows.Average(b => values[b]);
        var normal = new double[k, k];
        var right = new double[k];
        var x = new double[k];
        foreach (int b in rows)
        {
            Centered(columns, b, sizes, x);
            double y = values[b] - yMean;
            for (int p = 0; p < k; p++)
            {
                right[p] += x[p] * y;
                for (int q = 0; q <= p; q++)
                {
                    normal[p, q] += x[p] * x[q];
                }
            }
        }

        for (int p = 0; p < k; p++)
        {
            normal[p, p] *= 1 + Ridge;
        }

        if (!CholeskySolve(normal, right))
        {
            return double.NaN;
        }

        var variance = new double[sizes];
        var part = new double[sizes];
        foreach (int b in rows)
        {
            Centered(columns, b, sizes, x);
            Array.Clear(part);
            for (int p = 0; p < k; p++)
            {
                part[columns[p].Size] += right[p] * x[p];
            }

            for (int j = 0; j < sizes; j++)
            {
                variance[j] += part[j] * part[j] / (rows.Length - 1);
            }
        }

        double total = 0, denominator = 0;
        for (int j = 0; j < sizes; j++)
        {
            if (seedCounts[j] >= 2)
            {
                total += variance[j];
                denominator += variance[j] * variance[j] / (seedCounts[j] - 1);
            }
        }

        double nu = total * total / denominator;
        return total > 0 && double.IsFinite(nu) ? nu : double.NaN;
    }

    private static void Centered(List<(double[] Deviations, int Size, double Mean)> columns, int resample, int sizes, double[] x)
    {
        for (int p = 0; p < columns.Count; p++)
        {
            var (deviations, size, mean) = columns[p];
            x[p] = deviations[resample * sizes + size] - mean;
        }
    }

    /// <summary>Solves A·c = r in place (A symmetric positive definite, lower triangle filled; c replaces r).</summary>
    private static bool CholeskySolve(double[,] a, double[] r)
    {
        int n = r.Length;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = a[i, j];
                for (int m = 0; m < j; m++)
                {
                    sum -= a[i, m] * a[j, m];
                }

                if (i == j)
                {
                    if (!(sum > 0))
                    {
                        return false;
                    }

                    a[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    a[i, j] = sum / a[j, j];
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            double sum = r[i];
            for (int m = 0; m < i; m++)
            {
                sum -= a[i, m] * r[m];
            }

            r[i] = sum / a[i, i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double sum = r[i];
            for (int m = i + 1; m < n; m++)
            {
                sum -= a[m, i] * r[m];
            }

            r[i] = sum / a[i, i];
        }

        return true;
    }
}
