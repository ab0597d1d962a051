using System.Text.Json;
using Orchestrator.Numerics.Fitting;
using Orchestrator.Numerics.Training;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

/// <summary>
/// The size × time law L(N, τ) = E + A·N^(−α) + B·τ^(−β) fitted to loss curves: it recovers known exponents, its
/// point estimate is a minimum, its resamples reach the same minima as fits from scratch, it uses the cells the size
/// laws use, and it honours fixed exponents.
/// </summary>
public sealed class SizeTimeLawFitTests
{
    private const double TrueE = 0.02, TrueA = 2.5, TrueAlpha = 0.3, TrueB = 1.0, TrueBeta = 0.5;
    private static readonly int[] Sizes = [32, 64, 128, 256, 512, 1024, 2048, 4096];
    private static readonly FitOptions Options = new() { BootstrapResamples = 200 };

    private static List<Observation> Curves(double noise, ulong seed, int seeds = 5, double learningRate = 1) =>
        SyntheticSweep.Curves("gd", 1.0, TrueE, TrueA, TrueAlpha, TrueB, TrueBeta, noise, seed, Sizes, seeds, learningRate: learningRate);

    private static SizeTimeFit Fit(IEnumerable<Observation> data, FitOptions? options = null) =>
        ScalingLawAnalysis.FitSizeTime("gd", 1.0, data, options ?? Options) ?? throw new InvalidOperationException("no size × time fit");

    [Fact]
    public void Noise_free_curves_give_back_the_law()
    {
        var fit = Fit(Curves(0, 1, seeds: 2, learningRate: 0.1));

        Assert.Equal(TrueAlpha, fit.Alpha!.Value, 8);
        Assert.Equal(TrueBeta, fit.Beta!.Value, 8);
        Assert.Equal(TrueE, fit.E!.Value, 8);
        Assert.Equal(TrueA, fit.A!.Value, 7);
        Assert.Equal(TrueB, fit.B!.Value, 7);
        Assert.True(fit.ResidualRms < 1e-9, $"rms {fit.ResidualRms}");
        Assert.Equal((8, 16, 16 * 17), (fit.SizeCount, fit.CellCount, fit.PointCount));
        Assert.Equal((0.1 * 10, 0.1 * 1000), (fit.MinTau!.Value, fit.MaxTau!.Value), new ToleranceComparer(1e-12));
        Assert.Empty(fit.Flags);
    }

    [Fact]
    public void Noisy_curves_give_the_exponents_within_their_intervals()
    {
        var fit = Fit(Curves(0.02, 2));

        Assert.InRange(TrueAlpha, fit.AlphaCiLow!.Value, fit.AlphaCiHigh!.Value);
        Assert.InRange(TrueBeta, fit.BetaCiLow!.Value, fit.BetaCiHigh!.Value);
        Assert.InRange(fit.Alpha!.Value, TrueAlpha - 0.02, TrueAlpha + 0.02);
        Assert.InRange(fit.Beta!.Value, TrueBeta - 0.03, TrueBeta + 0.03);
        Assert.InRange(fit.ResidualRms!.Value, 0.015, 0.025);
        Assert.Equal(200, fit.BootstrapValid);
        Assert.True(fit.AlphaCiLow < fit.Alpha && fit.Alpha < fit.AlphaCiHigh);
        Assert.True(fit.BCiLow < fit.B && fit.B < fit.BCiHigh);
    }

    /// <summary>
    /// A small version of the coverage benchmark (benchmarks/size-time): over 30 replicates the 95% intervals cover
    /// the true α and β in most of them. The benchmark's 200 replicates measure the rate; this guards against an
    /// interval that has gone badly wrong.
    /// </summary>
    [Fact]
    public void The_intervals_cover_the_true_exponents_in_most_replicates()
    {
        int alphaCovered = 0, betaCovered = 0, replicates = 30;
        for (int replicate = 0; replicate < replicates; replicate++)
        {
            var fit = Fit(Curves(0.02, 100 + (ulong)replicate));
            alphaCovered += fit.AlphaCiLow <= TrueAlpha && TrueAlpha <= fit.AlphaCiHigh ? 1 : 0;
            betaCovered += fit.BetaCiLow <= TrueBeta && TrueBeta <= fit.BetaCiHigh ? 1 : 0;
        }

        Assert.InRange(alphaCovered, 24, replicates);
        Assert.InRange(betaCovered, 24, replicates);
    }

    [Fact]
    public void The_point_estimate_is_a_minimum_of_the_log_residuals()
    {
        var data = Curves(0.05, 3);
        var fit = Fit(data, Options with { BootstrapResamples = 0 });
        var series = SizeTimeData.Build(SeriesData.Build("gd", 1.0, data));
        var fitter = SizeTimeFitter.CreateFitter(series, Options);
        double best = fitter.Profile(fit.Alpha!.Value, fit.Beta!.Value, default, linearStart: true).Objective;

        Assert.Equal(fit.ResidualSumOfSquares!.Value, best + series.WithinSumOfSquares(), 12);
        foreach (double step in new[] { 1e-4, 1e-3, 1e-2, 0.1 })
        {
            for (int direction = 0; direction < 8; direction++)
            {
                double angle = direction * Math.PI / 4;
                double nearby = fitter.Profile(fit.Alpha!.Value + step * Math.Cos(angle), fit.Beta!.Value + step * Math.Sin(angle), default, linearStart: true).Objective;
                Assert.True(nearby >= best * (1 - 1e-12), $"step {step}, direction {direction}: {nearby} < {best}");
            }
        }
    }

    /// <summary>
    /// The coarse grid and the polish find the global minimum: on random laws (exponents 0.05…2, amplitudes over three
    /// decades, sometimes no floor or no time term, noise up to 20%), no point of a grid four times finer does better.
    /// </summary>
    [Fact]
    public void The_point_estimate_is_the_global_minimum_of_a_fine_grid()
    {
        var rng = new SplitMix64(2026);
        double Uniform() => (rng.NextUInt64() >> 11) * (1.0 / (1UL << 53));
        var fine = new AlphaGrid(0.025, 3, 0.025, 0.025).Points(0.025);
        for (int trial = 0; trial < 12; trial++)
        {
            double e = Uniform() < 0.25 ? 0 : Math.Pow(10, -3 + 2 * Uniform());
            double a = Math.Pow(10, -1 + 1.5 * Uniform()), b = Uniform() < 0.15 ? 0 : Math.Pow(10, -1 + 1.5 * Uniform());
            double alpha = 0.05 + 1.95 * Uniform(), beta = 0.05 + 1.95 * Uniform(), noise = 0.2 * Uniform();
            var data = SyntheticSweep.Curves("gd", 1.0, e, a, alpha, b, beta, noise, 500 + (ulong)trial, [16, 64, 256, 1024], seeds: 2, steps: 300);
            var points = SizeTimeData.Build(SeriesData.Build("gd", 1.0, data));
            var fitter = SizeTimeFitter.CreateFitter(points, Options);

            var estimate = fitter.Fit(Options.AlphaGrid.Points(Options.AlphaGrid.BootstrapStep), Options.AlphaGrid.Points(Options.AlphaGrid.BootstrapStep), 1e-9);
            double best = double.PositiveInfinity;
            foreach (double x in fine)
            {
                foreach (double y in fine)
                {
                    best = Math.Min(best, fitter.Profile(x, y, default, linearStart: true).Objective);
                }
            }

            Assert.True(estimate.Objective <= best * (1 + 1e-9) + 1e-15, $"trial {trial}: estimate {estimate.Objective} at ({estimate.Alpha}, {estimate.Beta}), fine grid {best}");
        }
    }

    /// <summary>A resample starts at the point estimate; it must reach the minimum a fit from scratch (full grid) finds.</summary>
    [Fact]
    public void Resample_fits_from_the_point_estimate_match_fits_from_scratch()
    {
        var series = SizeTimeData.Build(SeriesData.Build("gd", 1.0, Curves(0.05, 4, seeds: 3)));
        var grid = Options.AlphaGrid.Points(Options.AlphaGrid.BootstrapStep);
        var estimate = SizeTimeFitter.CreateFitter(series, Options).Fit(grid, grid, 1e-9);
        var resampler = series.Resampler(FitOptions.DefaultBootstrapSeed);
        var logLoss = new double[series.LogLoss.Length];
        var weights = new double[series.Weights.Length];
        var counts = new int[3];
        var warm = SizeTimeFitter.CreateFitter(series, Options);
        for (int b = 0; b < 40; b++)
        {
            series.Resample(resampler, b, counts, logLoss, weights);
            warm.SetData(logLoss, weights);
            var fromEstimate = warm.Polish(estimate.Alpha, estimate.Beta, estimate.Objective, estimate.Coefficients, true, true, 1e-9, linearStart: false);
            var scratch = new SizeTimeLawFitter(series.LogSizes, series.LogTaus, logLoss, weights, Options.AlphaGrid.Min, Options.AlphaGrid.Max)
                .Fit(grid, grid, 1e-9);

            Assert.Equal(scratch.Alpha, fromEstimate.Alpha, 6);
            Assert.Equal(scratch.Beta, fromEstimate.Beta, 6);
            Assert.Equal(scratch.Objective, fromEstimate.Objective, 12);
        }
    }

    [Fact]
    public void A_fixed_exponent_is_held_and_the_rest_is_fitted()
    {
        var data = Curves(0.02, 5);

        var alphaFixed = Fit(data, Options with { FixedAlpha = 0.3 });
        var betaFixed = Fit(data, Options with { FixedBeta = 0.5 });
        var both = Fit(data, Options with { FixedAlpha = 0.25, FixedBeta = 0.6 });

        Assert.Equal((0.3, true, false), (alphaFixed.Alpha!.Value, alphaFixed.AlphaFixed, alphaFixed.BetaFixed));
        Assert.Null(alphaFixed.AlphaCiLow);
        Assert.InRange(TrueBeta, alphaFixed.BetaCiLow!.Value, alphaFixed.BetaCiHigh!.Value);
        Assert.Equal((0.5, true, false), (betaFixed.Beta!.Value, betaFixed.BetaFixed, betaFixed.AlphaFixed));
        Assert.Null(betaFixed.BetaCiHigh);
        Assert.InRange(TrueAlpha, betaFixed.AlphaCiLow!.Value, betaFixed.AlphaCiHigh!.Value);
        Assert.Equal((0.25, 0.6), (both.Alpha!.Value, both.Beta!.Value));
        Assert.NotNull(both.ECiLow);
        // Holding an exponent away from the truth costs fit.
        Assert.True(both.ResidualSumOfSquares > alphaFixed.ResidualSumOfSquares);
        Assert.Throws<ArgumentException>(() => Fit(data, Options with { FixedBeta = double.NaN }));
    }

    [Fact]
    public void The_fit_uses_each_cells_best_learning_rate_and_places_curves_at_their_own_rate()
    {
        // The best cells ran at 0.1; a worse rate (final loss × 1.5, a curve of nonsense) must change nothing.
        var best = Curves(0.02, 6, learningRate: 0.1).Select(o => o with { LearningRate = 0.1 }).ToList();
        var worse = best.Select(o => o with
        {
            LearningRate = 0.01,
            RunLearningRate = 0.01,
            FinalLoss = o.FinalLoss * 1.5,
            Curve = o.Curve!.Select(p => new LossPoint(p.Step, 7 * p.Loss)).ToArray(),
        });

        var fit = Fit(best.Concat(worse));

        Assert.Equal(JsonSerializer.Serialize(Fit(best)), JsonSerializer.Serialize(fit));
        Assert.All(fit.LearningRates!, c => Assert.Equal(0.1, c.LearningRate));
        Assert.InRange(fit.Beta!.Value, TrueBeta - 0.03, TrueBeta + 0.03);
        Assert.Equal(0.1 * 10, fit.MinTau!.Value, 12);
    }

    [Fact]
    public void Early_steps_and_unusable_points_do_not_enter_the_fit()
    {
        var data = Curves(0.02, 7);
        // Before 1% of T (steps 1…7 of 1000), at non-finite or non-positive losses: anything may stand there.
        var spoiled = data.Select(o => o with
        {
            Curve = o.Curve!.Select(p => p.Step < 10 ? new LossPoint(p.Step, 50 * p.Loss) : p)
                .Append(new LossPoint(0, 123)).Append(new LossPoint(500, double.NaN)).Append(new LossPoint(600, -1))
                .ToArray(),
        }).ToList();

        Assert.Equal(JsonSerializer.Serialize(Fit(data)), JsonSerializer.Serialize(Fit(spoiled)));
        Assert.Equal(8 * 5 * 17, Fit(data).PointCount);
    }

    [Fact]
    public void Series_without_time_have_no_size_time_fit()
    {
        var noCurves = SyntheticSweep.Series("gd", 1.0, 0.01, 1, 0.3, 0.05, 8);
        var oneStep = noCurves.Select(o => o with { Curve = [new LossPoint(1, o.FinalLoss)], RunLearningRate = 1 }).ToList();
        var noRate = Curves(0.02, 9).Select(o => o with { RunLearningRate = double.NaN }).ToList();
        var twoSizes = Curves(0.02, 10).Where(o => o.Size <= 64).ToList();

        Assert.Null(ScalingLawAnalysis.FitSizeTime("gd", 1.0, noCurves, Options));
        Assert.Null(ScalingLawAnalysis.FitSizeTime("gd", 1.0, oneStep, Options));
        Assert.Null(ScalingLawAnalysis.FitSizeTime("gd", 1.0, noRate, Options));
        Assert.Null(ScalingLawAnalysis.FitSizeTime("gd", 1.0, twoSizes, Options));
        Assert.Empty(ScalingLawAnalysis.Analyze(noCurves, Options).SizeTimeFits);
        Assert.Single(ScalingLawAnalysis.Analyze(Curves(0.02, 11), Options).SizeTimeFits);
    }

    [Fact]
    public void Flags_name_what_the_data_cannot_support()
    {
        // No time term (B = 0, no noise), one seed, a narrow time span (T = 8 keeps steps 1…8).
        var data = SyntheticSweep.Curves("gd", 1.0, 0.02, 2.5, 0.3, 0, 0.5, 0, 12, Sizes, seeds: 1, steps: 8);

        var fit = Fit(data);

        Assert.Contains(FitFlags.SingleSeed, fit.Flags);
        Assert.Contains(FitFlags.NarrowTimeSpan, fit.Flags);
        Assert.Contains(FitFlags.BAtBound, fit.Flags);
        Assert.DoesNotContain(FitFlags.AAtBound, fit.Flags);
        Assert.Null(fit.AlphaCiLow);
        Assert.Equal(0, fit.BootstrapRequested);
    }

    [Fact]
    public void The_bootstrap_moves_whole_curves_and_draws_the_size_laws_seeds()
    {
        var data = Curves(0.05, 13);
        var series = SeriesData.Build("gd", 1.0, data);
        var sizeTime = SizeTimeData.Build(series);
        // The same draws; the size laws' resampled means are rescaled about the data's, whole curves are not.
        var sizeLaws = ClusterResampler.ForSeries(series, 99, rescaled: false);
        var curves = sizeTime.Resampler(99);
        var groupAt = sizeLaws.Align(series);
        var means = new double[Sizes.Length];
        var weights = new double[Sizes.Length];
        var counts = new int[5];
        for (int b = 0; b < 20; b++)
        {
            sizeLaws.Resample(groupAt, b, means, weights);
            for (int j = 0; j < Sizes.Length; j++)
            {
                curves.DrawCounts(b, j, counts);
                double mean = counts.Select((c, k) => c * series.Groups[j].LogLosses[k]).Sum() / counts.Sum();
                Assert.Equal(means[j], mean, 12);
            }
        }
    }

    [Fact]
    public void Results_do_not_depend_on_threads_or_order()
    {
        var data = Curves(0.05, 14);
        var shuffled = data.OrderBy(o => (o.Seed * 7919 + o.Size * 31) % 101).ToList();

        string one = JsonSerializer.Serialize(Fit(data));
        Assert.Equal(one, JsonSerializer.Serialize(Fit(data, Options with { MaxDegreeOfParallelism = 2 })));
        Assert.Equal(one, JsonSerializer.Serialize(Fit(shuffled)));
        Assert.NotEqual(one, JsonSerializer.Serialize(Fit(data, Options with { BootstrapSeed = 12345 })));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) =>
            Math.Abs(x.Item1 - y.Item1) <= tolerance * Math.Abs(y.Item1) && Math.Abs(x.Item2 - y.Item2) <= tolerance * Math.Abs(y.Item2);

        public int GetHashCode((double, double) obj) => 0;
    }
}
