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
}
