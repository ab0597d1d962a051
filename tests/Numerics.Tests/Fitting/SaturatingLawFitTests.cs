using Xunit;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Numerics.Tests.Fitting;

public sealed class SaturatingLawFitTests
{
    private static readonly FitOptions NoBootstrap = new() { BootstrapResamples = 0 };
    private static readonly int[] TenSizes = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192];

    [Fact]
    public void Noise_free_saturating_law_is_recovered()
    {
        var data = SyntheticSweep.Series("gd", 1.0, e: 0.05, a: 2.0, alpha: 0.7, noise: 0, seed: 1, sizes: TenSizes, seeds: 1);

        var fit = ScalingLawAnalysis.FitSeries("gd", 1.0, data, NoBootstrap).Single(f => f.Law == LawNames.Saturating);

        Assert.Equal(0.7, fit.Alpha!.Value, 6);
        Assert.Equal(0.05, fit.E!.Value, 6);
        Assert.Equal(2.0, fit.A!.Value, 4);
        Assert.True(fit.ResidualSumOfSquares < 1e-12);
    }

    [Fact]
    public void Noisy_saturating_law_is_recovered_within_noise()
    {
        var data = SyntheticSweep.Series("gd", 1.0, e: 0.02, a: 1.5, alpha: 0.5, noise: 0.02, seed: 11, sizes: TenSizes, seeds: 10);

        var fit = ScalingLawAnalysis.FitSeries("gd", 1.0, data, NoBootstrap).Single(f => f.Law == LawNames.Saturating);

        Assert.InRange(fit.Alpha!.Value, 0.45, 0.55);
        Assert.InRange(fit.E!.Value, 0.018, 0.022);
        Assert.InRange(fit.A!.Value, 1.2, 1.9);
        Assert.DoesNotContain(FitFlags.EAtBound, fit.Flags);
    }

    [Fact]
    public void Pure_power_law_data_put_E_at_its_bound_and_match_the_power_fit()
    {
        var data = SyntheticSweep.Series("gd", 1.0, e: 0, a: 1.0, alpha: 0.35, noise: 0, seed: 1, sizes: TenSizes, seeds: 2);

        var fits = ScalingLawAnalysis.FitSeries("gd", 1.0, data, NoBootstrap);
        var saturating = fits.Single(f => f.Law == LawNames.Saturating);

        Assert.InRange(saturating.E!.Value, 0, 1e-9);
        Assert.Contains(FitFlags.EAtBound, saturating.Flags);
        Assert.Equal(0.35, saturating.Alpha!.Value, 6);
    }

    /// <summary>Σ over cells of (ln L − ln(E + A N^(−α)))², computed directly from the observations.</summary>
    private static double LogObjective(IEnumerable<Observation> data, double e, double a, double alpha) =>
        data.Sum(o =>
        {
            double f = e + a * Math.Pow(o.Size, -alpha);
            return f > 0 ? Math.Pow(Math.Log(o.FinalLoss) - Math.Log(f), 2) : double.PositiveInfinity;
        });

    [Theory]
    [InlineData(0.02, 1.5, 0.5, 0.1, 81UL)]
    [InlineData(0.001, 3.0, 1.2, 0.2, 82UL)]
    [InlineData(0.05, 0.5, 0.25, 0.05, 83UL)]
    public void Fitted_parameters_minimise_the_sum_of_squared_log_residuals(double e, double a, double alpha, double noise, ulong seed)
    {
        var data = SyntheticSweep.Series("gd", 1.0, e, a, alpha, noise, seed, sizes: TenSizes, seeds: 6);

        var fit = ScalingLawAnalysis.FitSeries("gd", 1.0, data, NoBootstrap).Single(f => f.Law == LawNames.Saturating);
        double best = LogObjective(data, fit.E!.Value, fit.A!.Value, fit.Alpha!.Value);

        // The reported residual sum is the objective at the reported parameters.
        Assert.Equal(best, fit.ResidualSumOfSquares!.Value, 10);

        // No feasible neighbour in (E, A, α) is better.
        foreach (double de in new[] { -1e-4, 0, 1e-4 })
        {
            foreach (double da in new[] { -1e-4, 0, 1e-4 })
            {
                foreach (double dAlpha in new[] { -1e-5, 0, 1e-5 })
                {
                    double en = Math.Max(0, fit.E.Value * (1 + de) + (fit.E.Value == 0 ? Math.Abs(de) * 1e-6 : 0));
                    double neighbour = LogObjective(data, en, fit.A.Value * (1 + da), fit.Alpha.Value + dAlpha);
                    Assert.True(neighbour >= best * (1 - 1e-12), $"neighbour ({de}, {da}, {dAlpha}) is better: {neighbour} < {best}");
                }
            }
        }

        // An independent local search (Nelder–Mead on E = θ₀², A = θ₁², α = θ₂) from several starts finds nothing better.
        var objective = ObjectiveFunction.Value(v => LogObjective(data, v[0] * v[0], v[1] * v[1], v[2]));
        foreach (var start in new[] { (e, a, alpha), (0.5 * e, 2 * a, 0.7 * alpha), (2 * e + 0.01, 0.5 * a, 1.5 * alpha) })
        {
            var result = NelderMeadSimplex.Minimum(
                objective,
                Vector<double>.Build.Dense([Math.Sqrt(start.Item1), Math.Sqrt(start.Item2), start.Item3]),
                Vector<double>.Build.Dense([0.05, 0.2, 0.05]),
                1e-14,
                20000);
            Assert.True(result.FunctionInfoAtMinimum.Value >= best * (1 - 1e-9),
                $"Nelder–Mead from {start} found {result.FunctionInfoAtMinimum.Value} < {best}");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Small_nnls_satisfies_the_optimality_conditions(int variables)
    {
        var rng = new SplitMix64(91);
        for (int trial = 0; trial < 500; trial++)
        {
            int n = variables + 1 + trial % 8;
            var columns = Enumerable.Range(0, variables).Select(_ => new double[n]).ToArray();
            var z = new double[n];
            var w = new double[n];
            for (int i = 0; i < n; i++)
            {
                foreach (var column in columns)
                {
                    column[i] = SyntheticSweep.Normal(ref rng);
                }

                z[i] = SyntheticSweep.Normal(ref rng);
                w[i] = 0.1 + (rng.NextUInt64() >> 11) * (1.0 / (1UL << 53));
            }

            // Every fourth trial has two nearly dependent columns, where the faces must take over.
            if (trial % 4 == 3)
            {
                for (int i = 0; i < n; i++)
                {
                    columns[^1][i] = 2 * columns[0][i] + 1e-13 * SyntheticSweep.Normal(ref rng);
                }
            }

            double[] solution = variables == 2
                ? [NonNegativeLeastSquares2.Solve(columns[0], columns[1], z, w).P, NonNegativeLeastSquares2.Solve(columns[0], columns[1], z, w).Q]
                : ToArray(NonNegativeLeastSquares3.Solve(columns[0], columns[1], columns[2], z, w));

            // KKT: x ≥ 0; each partial derivative of ½Σw(z − Σ cⱼxⱼ)² is ≥ 0, and 0 where the variable is positive.
            var gradient = new double[variables];
            double scale = 0;
            for (int i = 0; i < n; i++)
            {
                double residual = z[i] - columns.Select((c, j) => c[i] * solution[j]).Sum();
                for (int j = 0; j < variables; j++)
                {
                    gradient[j] -= w[i] * columns[j][i] * residual;
                }

                scale += w[i] * columns.Sum(c => Math.Abs(c[i])) * (Math.Abs(z[i]) + Math.Abs(residual));
            }

            double tolerance = 1e-12 * scale;
            for (int j = 0; j < variables; j++)
            {
                Assert.True(solution[j] >= 0, $"trial {trial}: x{j} = {solution[j]}");
                Assert.True(gradient[j] >= -tolerance, $"trial {trial}: gradient {j} = {gradient[j]}");
                Assert.True(solution[j] == 0 || Math.Abs(gradient[j]) <= tolerance, $"trial {trial}: x{j} = {solution[j]}, gradient {gradient[j]}");
            }
        }
    }

    private static double[] ToArray((double P, double Q, double R) x) => [x.P, x.Q, x.R];

    /// <summary>The saturating law nests the power law (E = 0), so its residual sum can never be larger when the
    /// power-law exponent lies inside the α grid; checked on 100 random series, including awkward ones.</summary>
    [Fact]
    public void Saturating_fit_is_never_worse_than_the_power_law_it_nests()
    {
        var rng = new SplitMix64(2024);
        double Uniform() => (rng.NextUInt64() >> 11) * (1.0 / (1UL << 53));
        for (int trial = 0; trial < 100; trial++)
        {
            int sizeCount = 3 + (int)(Uniform() * 8);
            var sizes = Enumerable.Range(0, sizeCount).Select(i => (int)Math.Round(8 * Math.Pow(2 + 6 * Uniform(), i))).Distinct().ToArray();
            double e = Uniform() < 0.3 ? 0 : Math.Pow(10, -4 + 3 * Uniform());
            double a = Math.Pow(10, -2 + 3 * Uniform());
            double alpha = 0.05 + 2 * Uniform();
            double noise = Uniform() < 0.2 ? 0 : 0.3 * Uniform();
            var data = SyntheticSweep.Series("gd", 1.0, e, a, alpha, noise, 3000 + (ulong)trial, sizes: sizes, seeds: 1 + trial % 4);

            var fits = ScalingLawAnalysis.FitSeries("gd", 1.0, data, NoBootstrap);
            var power = fits.Single(f => f.Law == LawNames.Power);
            var saturating = fits.Single(f => f.Law == LawNames.Saturating);

            Assert.NotNull(saturating.Alpha);
            Assert.True(saturating.E >= 0 && saturating.A >= 0, $"trial {trial}: negative parameter");
            if (power.Alpha is > 0.005 and < 3.0)
            {
                Assert.True(saturating.ResidualSumOfSquares <= power.ResidualSumOfSquares * (1 + 1e-9) + 1e-20,
                    $"trial {trial}: saturating {saturating.ResidualSumOfSquares} > power {power.ResidualSumOfSquares}");
            }
        }
    }

    /// <summary>Starting each resample's inner problems from the full-data solutions changes the work, not the answer.</summary>
    [Fact]
    public void Resample_fits_from_full_data_starts_match_fits_from_scratch()
    {
        var rng = new SplitMix64(77);
        double[] logSizes = TenSizes.Select(n => Math.Log(n)).ToArray();
        double[] weights = Enumerable.Repeat(10.0, TenSizes.Length).ToArray();
        double[] truth = TenSizes.Select(n => Math.Log(0.02 + 1.5 * Math.Pow(n, -0.5))).ToArray();
        var grid = AlphaGrid.Default.Points(AlphaGrid.Default.BootstrapStep);
        var starts = new SaturatingLawFitter(logSizes, truth, weights).GridSolutions(grid);
        for (int trial = 0; trial < 50; trial++)
        {
            double[] means = truth.Select(y => y + 0.05 * SyntheticSweep.Normal(ref rng)).ToArray();

            var scratch = new SaturatingLawFitter(logSizes, means, weights).Fit(grid, 1e-9);
            var warm = new SaturatingLawFitter(logSizes, means, weights).Fit(grid, 1e-9, starts);

            Assert.Equal(scratch.Alpha, warm.Alpha, 6);
            Assert.Equal(scratch.BetweenSizeObjective, warm.BetweenSizeObjective, 12);
        }
    }
}
