using Orchestrator.Numerics.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

/// <summary>
/// ν of a bootstrap interval counts the seeds of the sizes that carry the fitted value: all of them when every size
/// weighs alike, only one size's when one size carries it.
/// </summary>
public sealed class SatterthwaiteDegreesOfFreedomTests
{
    private static readonly int[] Sizes = [16, 32, 64, 128];
    private static readonly int[] SeedCounts = [3, 3, 3, 3];

    [Fact]
    public void A_value_carried_by_one_size_rests_on_that_size_alone()
    {
        var fits = Resampled();
        var values = Value(fits, (b, deviation) => 2.5 * deviation(b, 1));

        Assert.Equal(2.0, SatterthwaiteDegreesOfFreedom.Of(values, [fits.Deviations], SeedCounts), 6);
    }

    [Fact]
    public void A_value_every_size_carries_alike_rests_on_all_of_them()
    {
        var fits = Resampled();
        var values = Value(fits, (b, deviation) => Enumerable.Range(0, Sizes.Length).Sum(j => deviation(b, j)));

        // Σ (G − 1) = 8 when the four sizes' shares are equal; resampling noise in the shares only lowers it.
        Assert.InRange(SatterthwaiteDegreesOfFreedom.Of(values, [fits.Deviations], SeedCounts), 7.6, 8.0);
    }

    [Fact]
    public void Undefined_resamples_are_left_out_and_no_spread_gives_no_value()
    {
        var fits = Resampled();
        var values = Value(fits, (b, deviation) => b % 10 == 0 ? double.NaN : deviation(b, 3));

        Assert.Equal(2.0, SatterthwaiteDegreesOfFreedom.Of(values, [fits.Deviations], SeedCounts), 6);
        Assert.True(double.IsNaN(SatterthwaiteDegreesOfFreedom.Of(new double[fits.PowerAlpha.Length], [fits.Deviations], SeedCounts)));
    }

    /// <summary>Four sizes × 3 seeds with the same scatter (log losses c, c + 1, c + 2) at every size.</summary>
    private static ResampledFits Resampled()
    {
        var observations = Sizes.SelectMany(size => Enumerable.Range(0, 3)
            .Select(seed => new Observation("gd", 1.0, size, seed, Math.Exp(seed - Math.Log(size)), false)));
        var series = SeriesData.Build("gd", 1.0, observations);
        return ResampledFits.Run(series, ClusterResampler.ForSeries(series, FitOptions.DefaultBootstrapSeed), new FitOptions { BootstrapResamples = 2000 });
    }

    private static double[] Value(ResampledFits fits, Func<int, Func<int, int, double>, double> value) =>
        Enumerable.Range(0, fits.PowerAlpha.Length)
            .Select(b => value(b, (resample, size) => fits.Deviations[resample * fits.SizeCount + size]))
            .ToArray();
}
