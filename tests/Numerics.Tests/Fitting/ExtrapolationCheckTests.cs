using System.Text.Json;
using Orchestrator.Numerics.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

public sealed class ExtrapolationCheckTests
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 300 };
    private static readonly int[] WideSizes = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192];

    private static SeriesFit Fit(IEnumerable<Observation> data, string law, FitOptions? options = null) =>
        ScalingLawAnalysis.FitSeries("gd", 1.0, data, options ?? Options).Single(f => f.Law == law);

    /// <summary>Pure power-law data for the power law, data with a floor for the saturating law: each law's own data.</summary>
    private static List<Observation> LawData(string law, double noise, ulong seed) =>
        law == LawNames.Power
            ? SyntheticSweep.Series("gd", 1.0, 0, 1, 0.5, noise, seed, WideSizes, seeds: 10)
            : SyntheticSweep.Series("gd", 1.0, 0.01, 1, 0.5, noise, seed, WideSizes, seeds: 10);

    [Theory]
    [InlineData(LawNames.Power)]
    [InlineData(LawNames.Saturating)]
    public void A_series_that_follows_the_law_extrapolates(string law)
    {
        var data = LawData(law, noise: 0.05, seed: 11);
        var fit = Fit(data, law);

        Assert.Equal(8192, fit.HoldoutSize);
        Assert.True(fit.HoldoutInside);
        // The held-out mean alone has a standard deviation of 0.05 / √10 ≈ 0.016 in log loss.
        Assert.InRange(Math.Abs(fit.HoldoutLogError!.Value), 0, 0.05);
        double observed = Math.Exp(data.Where(o => o.Size == 8192).Average(o => Math.Log(o.FinalLoss)));
        Assert.InRange(observed, fit.HoldoutPiLow!.Value, fit.HoldoutPiHigh!.Value);
        Assert.DoesNotContain(FitFlags.DoesNotExtrapolate, fit.Flags);
        Assert.DoesNotContain(FitFlags.NotSettled, fit.Flags);
    }

    [Theory]
    [InlineData(LawNames.Power)]
    [InlineData(LawNames.Saturating)]
    public void Noise_free_data_lie_inside_their_interval(string law)
    {
        var fit = Fit(LawData(law, noise: 0, seed: 1), law);

        Assert.True(fit.HoldoutInside);
        Assert.InRange(Math.Abs(fit.HoldoutLogError!.Value), 0, HoldoutCheck.MinimumHalfWidth);
        Assert.Empty(fit.Flags.Intersect([FitFlags.DoesNotExtrapolate, FitFlags.NotSettled]));
    }

    [Theory]
    [InlineData(LawNames.Power)]
    [InlineData(LawNames.Saturating)]
    public void A_loss_that_stops_improving_at_the_largest_size_does_not_extrapolate(string law)
    {
        // Each seed's loss at the largest size is its loss at the size before: the curve goes flat at the end.
        var data = LawData(law, noise: 0.05, seed: 12);
        var previous = data.Where(o => o.Size == 4096).ToDictionary(o => o.Seed, o => o.FinalLoss);
        var flattened = data.Select(o => o.Size == 8192 ? o with { FinalLoss = previous[o.Seed] } : o).ToList();

        var fit = Fit(flattened, law);

        Assert.False(fit.HoldoutInside);
        Assert.Contains(FitFlags.DoesNotExtrapolate, fit.Flags);
        Assert.True(fit.HoldoutLogError > 0, "the flat point is worse than the law predicts");
        Assert.True(Math.Exp(flattened.Where(o => o.Size == 8192).Average(o => Math.Log(o.FinalLoss))) > fit.HoldoutPiHigh);
    }

    [Fact]
    public void A_power_law_fitted_through_a_loss_floor_does_not_extrapolate()
    {
        var data = SyntheticSweep.Series("gd", 1.0, 0.01, 1, 0.5, 0.05, 13, WideSizes, seeds: 10);

        Assert.Contains(FitFlags.DoesNotExtrapolate, Fit(data, LawNames.Power).Flags);
        Assert.DoesNotContain(FitFlags.DoesNotExtrapolate, Fit(data, LawNames.Saturating).Flags);
    }

    [Theory]
    [InlineData(LawNames.Power)]
    [InlineData(LawNames.Saturating)]
    public void An_alpha_that_keeps_drifting_with_size_is_not_settled_and_a_steady_one_is(string law)
    {
        // L = A·N^(−α(N)) with α(N) = 0.3 + 0.05·ln(N/16): the local exponent grows by 0.035 per doubling.
        var rng = new SplitMix64(14);
        var drifting = new List<Observation>();
        foreach (int size in WideSizes)
        {
            for (int seed = 0; seed < 10; seed++)
            {
                double alpha = 0.3 + 0.05 * Math.Log(size / 16.0);
                drifting.Add(new Observation("gd", 1.0, size, seed, Math.Pow(size, -alpha) * Math.Exp(0.05 * SyntheticSweep.Normal(ref rng)), false));
            }
        }

        var drift = Fit(drifting, law);
        var steady = Fit(LawData(law, noise: 0.05, seed: 11), law);

        Assert.Contains(FitFlags.NotSettled, drift.Flags);
        var alphas = drift.AlphaByMaxSize!.Select(a => a.Alpha!.Value).ToList();
        Assert.True(alphas[^1] > alphas[0], "α grows with the largest size");
        Assert.DoesNotContain(FitFlags.NotSettled, steady.Flags);
    }

    [Fact]
    public void Alpha_by_max_size_holds_the_fits_of_the_smaller_series()
    {
        var data = LawData(LawNames.Saturating, noise: 0.05, seed: 15);

        foreach (string law in new[] { LawNames.Power, LawNames.Saturating })
        {
            var fit = Fit(data, law);
            int first = law == LawNames.Power ? 3 : 4;
            Assert.Equal(WideSizes[(first - 1)..], fit.AlphaByMaxSize!.Select(a => a.MaxSize));
            Assert.Equal(fit.Alpha, fit.AlphaByMaxSize![^1].Alpha);
            foreach (var entry in fit.AlphaByMaxSize!)
            {
                var smaller = Fit(data.Where(o => o.Size <= entry.MaxSize), law, Options with { BootstrapResamples = 0 });
                Assert.Equal(smaller.Alpha, entry.Alpha);
            }
        }
    }

    [Theory]
    [InlineData(LawNames.Power)]
    [InlineData(LawNames.Saturating)]
    public void The_holdout_prediction_is_the_fit_without_the_largest_size(string law)
    {
        var data = LawData(law, noise: 0.05, seed: 16);

        var fit = Fit(data, law);
        var withoutLargest = Fit(data.Where(o => o.Size < 8192), law);

        double observedLog = data.Where(o => o.Size == 8192).Average(o => Math.Log(o.FinalLoss));
        Assert.Equal(observedLog - Math.Log(withoutLargest.LossAt(8192)!.Value), fit.HoldoutLogError!.Value, 1e-12);
    }

    [Fact]
    public void The_power_law_interval_is_the_ols_prediction_interval_over_cells()
    {
        // Unequal seed counts, so that the size-mean shortcut is tested against the textbook formula over cells.
        var data = SyntheticSweep.Series("gd", 1.0, 0, 2, 0.4, 0.1, 17, [10, 40, 160, 640], seeds: 4)
            .Where(o => !(o.Size == 40 && o.Seed == 3) && !(o.Size == 640 && o.Seed >= 2)).ToList();
        var fit = Fit(data, LawNames.Power);

        var train = data.Where(o => o.Size < 640).Select(o => (X: Math.Log(o.Size), Y: Math.Log(o.FinalLoss))).ToList();
        var (intercept, slope) = MathNet.Numerics.Fit.Line(train.Select(p => p.X).ToArray(), train.Select(p => p.Y).ToArray());
        int n = train.Count;
        double xBar = train.Average(p => p.X);
        double sxx = train.Sum(p => (p.X - xBar) * (p.X - xBar));
        double s2 = train.Sum(p => Math.Pow(p.Y - intercept - slope * p.X, 2)) / (n - 2);
        double x = Math.Log(640);
        double predicted = intercept + slope * x;
        double half = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, n - 2, 0.975) * Math.Sqrt(s2 * (1.0 / 2 + 1.0 / n + (x - xBar) * (x - xBar) / sxx));

        Assert.Equal(Math.Exp(predicted - half), fit.HoldoutPiLow!.Value, 1e-12);
        Assert.Equal(Math.Exp(predicted + half), fit.HoldoutPiHigh!.Value, 1e-12);
    }

    [Fact]
    public void Too_few_sizes_leave_the_checks_out()
    {
        var two = ScalingLawAnalysis.FitSeries("gd", 1.0, SyntheticSweep.Series("gd", 1.0, 0.01, 1, 0.5, 0.05, 18, [64, 1024]), Options);
        var three = ScalingLawAnalysis.FitSeries("gd", 1.0, SyntheticSweep.Series("gd", 1.0, 0.01, 1, 0.5, 0.05, 18, [64, 256, 1024]), Options);
        var four = ScalingLawAnalysis.FitSeries("gd", 1.0, SyntheticSweep.Series("gd", 1.0, 0.01, 1, 0.5, 0.05, 18, [64, 128, 256, 1024]), Options);

        Assert.All(two.Append(three[1]), f =>
        {
            Assert.Null(f.HoldoutSize);
            Assert.Null(f.HoldoutLogError);
            Assert.Null(f.HoldoutInside);
            Assert.Null(f.AlphaByMaxSize);
            Assert.Empty(f.Flags.Intersect([FitFlags.DoesNotExtrapolate, FitFlags.NotSettled]));
        });

        // The smallest series each check accepts: a holdout, and α by size with only the full fit in it.
        foreach (var f in new[] { three[0], four[1] })
        {
            Assert.Equal(1024, f.HoldoutSize);
            Assert.NotNull(f.HoldoutInside);
            var only = Assert.Single(f.AlphaByMaxSize!);
            Assert.Equal((1024, f.Alpha), (only.MaxSize, only.Alpha));
            Assert.DoesNotContain(FitFlags.NotSettled, f.Flags);
        }
    }

    [Fact]
    public void Without_a_bootstrap_the_saturating_check_has_an_error_but_no_interval()
    {
        var fit = Fit(LawData(LawNames.Saturating, 0.05, 19), LawNames.Saturating, Options with { BootstrapResamples = 0 });

        Assert.Equal(8192, fit.HoldoutSize);
        Assert.NotNull(fit.HoldoutLogError);
        Assert.Null(fit.HoldoutPiLow);
        Assert.Null(fit.HoldoutInside);
        Assert.DoesNotContain(FitFlags.DoesNotExtrapolate, fit.Flags);
    }

    [Fact]
    public void The_checks_are_bit_identical_on_a_refit_and_independent_of_order_and_threads()
    {
        var data = LawData(LawNames.Saturating, noise: 0.1, seed: 20);
        var shuffled = data.OrderBy(o => (o.Seed * 7919 + o.Size * 31) % 101).ToList();

        string first = JsonSerializer.Serialize(ScalingLawAnalysis.FitSeries("gd", 1.0, data, Options));

        Assert.Contains("\"holdout_pi_low\":0.", first, StringComparison.Ordinal);
        Assert.Equal(first, JsonSerializer.Serialize(ScalingLawAnalysis.FitSeries("gd", 1.0, data, Options)));
        Assert.Equal(first, JsonSerializer.Serialize(ScalingLawAnalysis.FitSeries("gd", 1.0, shuffled, Options)));
        Assert.Equal(first, JsonSerializer.Serialize(ScalingLawAnalysis.FitSeries("gd", 1.0, data, Options with { MaxDegreeOfParallelism = 3 })));
    }

    [Fact]
    public void The_incremental_analysis_carries_the_same_checks()
    {
        var data = LawData(LawNames.Saturating, noise: 0.1, seed: 21);
        data.AddRange(SyntheticSweep.Series("ng", 1.0, 0.01, 1, 0.8, 0.1, 22, WideSizes[..6], seeds: 3));
        var incremental = new IncrementalSweepAnalysis(Options);
        foreach (var observation in data.AsEnumerable().Reverse())
        {
            incremental.Add(observation);
        }

        Assert.Equal(JsonSerializer.Serialize(ScalingLawAnalysis.Analyze(data, Options)), JsonSerializer.Serialize(incremental.Refit(cancellationToken: TestContext.Current.CancellationToken)));
    }
}
