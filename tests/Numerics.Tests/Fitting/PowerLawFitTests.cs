using Xunit;
using MathNet.Numerics.Distributions;
using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Numerics.Tests.Fitting;

public sealed class PowerLawFitTests
{
    private static readonly FitOptions NoBootstrap = new() { BootstrapResamples = 0 };

    [Fact]
    public void Exact_power_law_is_recovered_with_a_zero_width_interval()
    {
        var data = SyntheticSweep.Series("gd", 1.0, e: 0, a: 3.0, alpha: 0.4, noise: 0, seed: 1);

        var fit = ScalingLawAnalysis.FitSeries("gd", 1.0, data, NoBootstrap).Single(f => f.Law == LawNames.Power);

        Assert.Equal(0.4, fit.Alpha!.Value, 12);
        Assert.Equal(3.0, fit.A!.Value, 10);
        Assert.Equal(0.0, fit.E);
        Assert.Equal(0.4, fit.AlphaCiLow!.Value, 10);
        Assert.Equal(0.4, fit.AlphaCiHigh!.Value, 10);
        Assert.Equal(6, fit.SizeCount);
        Assert.Equal(30, fit.CellCount);
        Assert.Empty(fit.Flags);
    }

    [Fact]
    public void Slope_and_t_interval_match_an_independent_ols_over_all_cells()
    {
        var data = SyntheticSweep.Series("gd", 1.0, e: 0, a: 2.0, alpha: 0.3, noise: 0.1, seed: 7);

        var fit = ScalingLawAnalysis.FitSeries("gd", 1.0, data, NoBootstrap).Single(f => f.Law == LawNames.Power);

        // Reference: textbook OLS on every (log N, log L) point, via MathNet.
        double[] x = data.Select(o => Math.Log(o.Size)).ToArray();
        double[] y = data.Select(o => Math.Log(o.FinalLoss)).ToArray();
        var (intercept, slope) = MathNet.Numerics.Fit.Line(x, y);
        int n = x.Length;
        double rss = x.Zip(y, (xi, yi) => Math.Pow(yi - intercept - slope * xi, 2)).Sum();
        double xBar = x.Average();
        double se = Math.Sqrt(rss / (n - 2) / x.Sum(xi => (xi - xBar) * (xi - xBar)));
        double t = StudentT.InvCDF(0, 1, n - 2, 0.975);

        Assert.Equal(-slope, fit.Alpha!.Value, 12);
        Assert.Equal(Math.Exp(intercept), fit.A!.Value, 10);
        Assert.Equal(se, fit.AlphaStandardError!.Value, 12);
        Assert.Equal(-slope - t * se, fit.AlphaCiLow!.Value, 12);
        Assert.Equal(-slope + t * se, fit.AlphaCiHigh!.Value, 12);
        Assert.Equal(rss, fit.ResidualSumOfSquares!.Value, 12);
    }

    [Fact]
    public void The_alpha_interval_alone_is_the_power_fits_interval_bit_for_bit()
    {
        // Noisy, with a learning-rate axis (the better rate counts), a diverged cell and another series mixed in.
        var data = SyntheticSweep.Series("gd", 1.0, e: 0, a: 2.0, alpha: 0.3, noise: 0.1, seed: 11, seeds: 3)
            .Select(o => o with { LearningRate = 0.1 })
            .Concat(SyntheticSweep.Series("gd", 1.0, e: 0, a: 2.0, alpha: 0.3, noise: 0.1, seed: 12, seeds: 3).Select(o => o with { LearningRate = 0.01 }))
            .Append(new Observation("gd", 1.0, 64, 9, double.NaN, Diverged: true, LearningRate: 0.1))
            .Concat(SyntheticSweep.Series("adam", 1.0, e: 0, a: 5.0, alpha: 0.9, noise: 0.1, seed: 13))
            .ToList();

        var fit = ScalingLawAnalysis.FitSeries("gd", 1.0, data, NoBootstrap with { ConfidenceLevel = 0.9 }).Single(f => f.Law == LawNames.Power);
        var interval = ScalingLawAnalysis.PowerLawAlphaInterval("gd", 1.0, data, confidenceLevel: 0.9);

        Assert.NotNull(interval);
        Assert.Equal(fit.Alpha!.Value, interval.Alpha);
        Assert.Equal(fit.AlphaCiLow!.Value, interval.Low);
        Assert.Equal(fit.AlphaCiHigh!.Value, interval.High);
        Assert.Equal(fit.AlphaCiHigh!.Value - fit.AlphaCiLow!.Value, interval.Width);
    }

    [Fact]
    public void The_alpha_interval_needs_two_sizes_and_three_usable_cells()
    {
        var oneSize = SyntheticSweep.Series("gd", 1.0, e: 0, a: 2.0, alpha: 0.3, noise: 0.1, seed: 1, sizes: [64]);
        var twoCells = SyntheticSweep.Series("gd", 1.0, e: 0, a: 2.0, alpha: 0.3, noise: 0.1, seed: 1, sizes: [64, 128], seeds: 1);
        var threeCells = twoCells.Append(twoCells[0] with { Seed = 1, FinalLoss = twoCells[0].FinalLoss * 1.1 }).ToList();

        Assert.Null(ScalingLawAnalysis.PowerLawAlphaInterval("gd", 1.0, oneSize, 0.95));
        Assert.Null(ScalingLawAnalysis.PowerLawAlphaInterval("gd", 1.0, twoCells, 0.95));
        Assert.Null(ScalingLawAnalysis.PowerLawAlphaInterval("adam", 1.0, threeCells, 0.95));
        Assert.True(ScalingLawAnalysis.PowerLawAlphaInterval("gd", 1.0, threeCells, 0.95) is { Width: > 0 });
    }
}
