using Orchestrator.Numerics.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

/// <summary>
/// A series' own bootstrap and its paired comparisons share resampled fits only where they draw the same seeds, and a
/// shared entry is exactly what a fresh run gives.
/// </summary>
public sealed class ResampledFitsCacheTests
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 60 };

    private static SeriesData Series(string optimizer, ulong seed, Func<Observation, bool>? keep = null) =>
        SeriesData.Build(optimizer, 1.0,
            SyntheticSweep.Series(optimizer, 1.0, 0.01, 1, 0.4, 0.05, seed, sizes: [32, 64, 128, 256], seeds: 4).Where(keep ?? (_ => true)));

    private static void AssertSameFits(ResampledFits expected, ResampledFits actual)
    {
        Assert.Equal(expected.PowerAlpha, actual.PowerAlpha);
        Assert.Equal(expected.PowerCoefficient, actual.PowerCoefficient);
        Assert.Equal(expected.SaturatingAlpha, actual.SaturatingAlpha);
        Assert.Equal(expected.SaturatingE, actual.SaturatingE);
        Assert.Equal(expected.SaturatingA, actual.SaturatingA);
        Assert.Equal(expected.Deviations, actual.Deviations);
    }

    [Fact]
    public void A_union_with_the_series_own_seeds_shares_its_own_bootstrap()
    {
        var gd = Series("gd", 1);
        var adam = Series("adam", 2);
        var own = ClusterResampler.ForSeries(gd, Options.BootstrapSeed);
        var union = ClusterResampler.ForUnion([gd, adam], Options.BootstrapSeed);
        var cache = new ResampledFitsCache();

        var fromOwn = cache.Get(gd, own, Options);
        var fromUnion = cache.Get(gd, union, Options with { MaxDegreeOfParallelism = 3 });

        Assert.Same(fromOwn, fromUnion);
        AssertSameFits(ResampledFits.Run(gd, union, Options), fromUnion);
    }

    [Fact]
    public void A_union_with_seeds_the_series_lacks_is_resampled_apart()
    {
        var gd = Series("gd", 1, o => !(o.Size == 64 && o.Seed == 3));
        var adam = Series("adam", 2);
        var cache = new ResampledFitsCache();
        var own = cache.Get(gd, ClusterResampler.ForSeries(gd, Options.BootstrapSeed), Options);

        var union = ClusterResampler.ForUnion([gd, adam], Options.BootstrapSeed);
        var paired = cache.Get(gd, union, Options);

        Assert.NotSame(own, paired);
        AssertSameFits(ResampledFits.Run(gd, union, Options), paired);
    }

    [Fact]
    public void Changed_data_or_options_are_resampled_again()
    {
        var cache = new ResampledFitsCache();
        var before = Series("gd", 1);
        var first = cache.Get(before, ClusterResampler.ForSeries(before, Options.BootstrapSeed), Options);

        var rebuilt = Series("gd", 1);
        Assert.Same(first, cache.Get(rebuilt, ClusterResampler.ForSeries(rebuilt, Options.BootstrapSeed), Options));

        var changed = Series("gd", 3);
        var resampler = ClusterResampler.ForSeries(changed, Options.BootstrapSeed);
        var again = cache.Get(changed, resampler, Options);
        Assert.NotSame(first, again);
        AssertSameFits(ResampledFits.Run(changed, resampler, Options), again);

        var fewer = Options with { BootstrapResamples = 30 };
        Assert.Equal(30, cache.Get(changed, resampler, fewer).PowerAlpha.Length);
    }
}
