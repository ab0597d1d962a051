using Orchestrator.Numerics.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

public sealed class NumericalPrimitivesTests
{
    [Fact]
    public void SplitMix64_matches_the_reference_sequence()
    {
        // Reference outputs of Vigna's splitmix64.c from state 0.
        var rng = new SplitMix64(0);

        Assert.Equal(0xE220A8397B1DCDAFUL, rng.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, rng.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, rng.NextUInt64());
    }

    [Fact]
    public void Bounded_draws_are_in_range_and_roughly_uniform()
    {
        var rng = SplitMix64.ForCell(FitOptions.DefaultBootstrapSeed, resample: 3, size: 256);
        var counts = new int[7];
        for (int i = 0; i < 70_000; i++)
        {
            counts[rng.NextInt(7)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    [Fact]
    public void Brent_finds_the_minimum_of_a_smooth_function_from_a_grid_point()
    {
        int evaluations = 0;
        var (x, value) = BrentMinimizer.Minimize(
            t => { evaluations++; return Math.Pow(t - 0.3137, 2) * (2 + t); }, 0.2, 0.4, start: 0.3, startValue: Math.Pow(0.3 - 0.3137, 2) * 2.3, tolerance: 1e-9);

        Assert.Equal(0.3137, x, 8);
        Assert.True(value <= Math.Pow(0.3 - 0.3137, 2) * 2.3);
        Assert.InRange(evaluations, 3, 40);
    }

    [Fact]
    public void Brent_handles_a_minimum_at_the_bracket_edge()
    {
        var (x, _) = BrentMinimizer.Minimize(t => t * t, 0.0, 0.1, start: 0.0, startValue: 0.0, tolerance: 1e-9);

        Assert.Equal(0.0, x, 8);
    }

    [Fact]
    public void Percentile_interval_interpolates_between_order_statistics()
    {
        var values = Enumerable.Range(1, 101).Select(i => (double)i).Reverse().Append(double.NaN).ToList();

        var interval = PercentileInterval.Of(values, 0.95);

        Assert.Equal(3.5, interval.Low!.Value, 12);
        Assert.Equal(98.5, interval.High!.Value, 12);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rescaled_resample_means_have_the_unbiased_variance_of_a_size_mean(bool rescaled)
    {
        // Three seeds at each of two sizes: s² = 1 at the first (log losses 0, 1, 2). Drawing 3 of 3 with replacement
        // gives the mean a variance of (2/3)·s²/3; rescaled by √(3/2) it is s²/3, the unbiased one.
        double[] logLosses = [0, 1, 2];
        var observations = new[] { 16, 32 }
            .SelectMany(size => logLosses.Select((y, seed) => new Observation("gd", 1.0, size, seed, Math.Exp(y + size), false)));
        var series = SeriesData.Build("gd", 1.0, observations);
        IResampleSource resampler = ClusterResampler.ForSeries(series, FitOptions.DefaultBootstrapSeed, rescaled);
        var groupAt = resampler.Align(series);
        var means = new double[2];
        var weights = new double[2];
        double sum = 0, sumOfSquares = 0;
        const int resamples = 40_000;
        for (int b = 0; b < resamples; b++)
        {
            resampler.Resample(groupAt, b, means, weights);
            sum += means[0];
            sumOfSquares += means[0] * means[0];
            Assert.Equal(3, weights[0]);
        }

        double mean = sum / resamples, variance = sumOfSquares / resamples - mean * mean;
        Assert.Equal(17.0, mean, 1); // ln L = y + N at N = 16
        Assert.Equal(rescaled ? 1.0 / 3 : 2.0 / 9, variance, 2);
    }

    [Fact]
    public void The_bootstrap_interval_reads_the_resamples_at_the_tail_of_students_t()
    {
        // ν = 16 (8 sizes × 3 seeds): t = 2.1199, so the 95% interval spans the central 2Φ(2.1199) − 1 = 96.60%.
        Assert.Equal(0.96599, BootstrapInterval.PercentileLevel(0.95, 16), 4);
        Assert.Equal(0.95, BootstrapInterval.PercentileLevel(0.95, 1e9), 6);
        Assert.Equal(0.95, BootstrapInterval.PercentileLevel(0.95, 0));
        Assert.True(BootstrapInterval.PercentileLevel(0.95, 4) > BootstrapInterval.PercentileLevel(0.95, 16));

        var values = Enumerable.Range(0, 1001).Select(i => (double)i).ToList();
        var interval = BootstrapInterval.Of(values, 0.95, 16);
        Assert.Equal(1000 * (1 - 0.96599) / 2, interval.Low!.Value, 0);
        Assert.Equal(1000 * (1 + 0.96599) / 2, interval.High!.Value, 0);
    }
}
