using Orchestrator.Numerics.Design;
using Orchestrator.Numerics.Fitting;
using Orchestrator.Numerics.Tests.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Design;

public sealed class PowerLawIntervalTests
{
    private static SeriesFit PowerFit(IEnumerable<Observation> observations, FitOptions options) =>
        ScalingLawAnalysis.FitSeries("gd", 1.0, observations, options).Single(f => f.Law == LawNames.Power);

    /// <summary>Noisy cells at uneven seed counts per size, a learning-rate axis, a diverged and a non-positive cell, and another series.</summary>
    private static List<Observation> Observations()
    {
        var cells = SyntheticSweep.Series("gd", 1.0, e: 0, a: 2.0, alpha: 0.35, noise: 0.08, seed: 11, seeds: 7)
            .Where(o => o.Seed < 2 + o.Size % 5)
            .ToList();
        var withRates = cells.SelectMany(o => new[] { o with { LearningRate = 0.1 }, o with { LearningRate = 1.0, FinalLoss = o.FinalLoss * 1.3 } }).ToList();
        withRates.Add(new Observation("gd", 1.0, 256, 40, double.NaN, Diverged: true, LearningRate: 0.1));
        withRates.Add(new Observation("gd", 1.0, 512, 41, -1.0, Diverged: false, LearningRate: 0.1));
        withRates.AddRange(SyntheticSweep.Series("adam", 1.0, e: 0, a: 1.0, alpha: 0.5, noise: 0.1, seed: 12));
        return withRates;
    }

    [Theory]
    [InlineData(0.95)]
    [InlineData(0.8)]
    public void Width_equals_the_product_fits_interval_to_the_bit(double level)
    {
        var observations = Observations();
        var options = new FitOptions { BootstrapResamples = 0, ConfidenceLevel = level };

        var interval = PowerLawInterval.Fit("gd", 1.0, observations, level)!;
        var fit = PowerFit(observations, options);

        Assert.Equal(fit.Alpha!.Value, interval.Alpha);
        Assert.Equal(fit.AlphaCiLow!.Value, interval.Low);
        Assert.Equal(fit.AlphaCiHigh!.Value, interval.High);
        Assert.Equal(fit.AlphaCiHigh!.Value - fit.AlphaCiLow!.Value, interval.Width);
        Assert.Equal(fit.AlphaStandardError!.Value, interval.StandardError);
        Assert.Equal(fit.CellCount, interval.CellCount);
        Assert.Equal(fit.SizeCount, interval.SizeCount);
        Assert.True(interval.Width > 0);
    }

    [Fact]
    public void Width_equals_the_incremental_analysis_interval()
    {
        var observations = Observations();
        var analysis = new IncrementalSweepAnalysis(new FitOptions { BootstrapResamples = 0 });
        foreach (var o in observations)
        {
            analysis.Add(o);
        }

        var fit = analysis.Refit(cancellationToken: TestContext.Current.CancellationToken).Fits.Single(f => f.Optimizer == "gd" && f.Law == LawNames.Power);
        var interval = PowerLawInterval.Fit("gd", 1.0, observations, 0.95)!;

        Assert.Equal(fit.AlphaCiHigh!.Value - fit.AlphaCiLow!.Value, interval.Width);
    }

    [Fact]
    public void The_variance_of_alpha_is_the_residual_variance_over_the_weighted_sxx()
    {
        var interval = PowerLawInterval.Fit("gd", 1.0, Observations(), 0.95)!;

        Assert.Equal(interval.StandardError * interval.StandardError, interval.ResidualVariance / interval.WeightedSxx, 14);
    }

    [Fact]
    public void There_is_no_interval_until_three_cells_at_two_sizes()
    {
        Observation Cell(int size, int seed) => new("gd", 1.0, size, seed, Math.Pow(size, -0.3) * (1 + 0.01 * seed), false);

        Assert.Null(PowerLawInterval.Fit("gd", 1.0, [Cell(64, 0), Cell(64, 1), Cell(64, 2)], 0.95));
        Assert.Null(PowerLawInterval.Fit("gd", 1.0, [Cell(64, 0), Cell(128, 0)], 0.95));
        Assert.NotNull(PowerLawInterval.Fit("gd", 1.0, [Cell(64, 0), Cell(64, 1), Cell(128, 0)], 0.95));
        Assert.Null(PowerLawInterval.Fit("adam", 1.0, [Cell(64, 0), Cell(64, 1), Cell(128, 0)], 0.95));
    }

    [Fact]
    public void The_lack_of_fit_test_rejects_a_bent_law_and_not_a_straight_one()
    {
        static List<Observation> Cells(double bend) =>
            SyntheticSweep.Series("gd", 1.0, e: 0, a: 1.0, alpha: 0.3, noise: 0.02, seed: 3, seeds: 6)
                .Select(o => o with { FinalLoss = o.FinalLoss * Math.Exp(bend * Math.Pow(Math.Log(o.Size / 180.0), 2)) })
                .ToList();

        var straight = PowerLawInterval.Fit("gd", 1.0, Cells(0), 0.95)!;
        var bent = PowerLawInterval.Fit("gd", 1.0, Cells(-0.03), 0.95)!;

        Assert.True(straight.LackOfFitPValue > 0.05, $"p = {straight.LackOfFitPValue}");
        Assert.True(bent.LackOfFitPValue < 1e-6, $"p = {bent.LackOfFitPValue}");
        Assert.Equal(bent.ResidualVariance * (bent.CellCount - 2), bent.BetweenSizeRss + bent.WithinSizeSumOfSquares, 12);
    }
}
