using Orchestrator.Numerics.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

public sealed class FitFlagTests
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 50 };

    private static IReadOnlyList<SeriesFit> Fit(List<Observation> data) => ScalingLawAnalysis.FitSeries("gd", 1.0, data, Options);

    [Fact]
    public void Two_sizes_are_few_and_leave_the_saturating_law_unfitted()
    {
        var fits = Fit(SyntheticSweep.Series("gd", 1.0, 0.01, 1, 0.5, 0.05, 1, sizes: [64, 1024]));

        Assert.All(fits, f => Assert.Contains(FitFlags.FewSizes, f.Flags));
        var power = fits.Single(f => f.Law == LawNames.Power);
        Assert.NotNull(power.Alpha);
        Assert.DoesNotContain(FitFlags.InsufficientData, power.Flags);
        var saturating = fits.Single(f => f.Law == LawNames.Saturating);
        Assert.Null(saturating.Alpha);
        Assert.Contains(FitFlags.InsufficientData, saturating.Flags);
    }

    [Fact]
    public void Half_a_decade_is_a_narrow_span_and_a_decade_is_not()
    {
        var narrow = Fit(SyntheticSweep.Series("gd", 1.0, 0.01, 1, 0.5, 0.05, 1, sizes: [100, 150, 220, 316]));
        var decade = Fit(SyntheticSweep.Series("gd", 1.0, 0.01, 1, 0.5, 0.05, 1, sizes: [100, 200, 400, 1000]));

        Assert.All(narrow, f => Assert.Contains(FitFlags.NarrowSpan, f.Flags));
        Assert.All(decade, f => Assert.DoesNotContain(FitFlags.NarrowSpan, f.Flags));
        Assert.All(decade, f => Assert.DoesNotContain(FitFlags.FewSizes, f.Flags));
    }

    [Fact]
    public void Alpha_beyond_the_grid_is_at_the_bound()
    {
        var steep = Fit(SyntheticSweep.Series("gd", 1.0, 0.001, 1, 4.0, 0.01, 1, sizes: [2, 3, 4, 6, 8, 12, 16, 32]))
            .Single(f => f.Law == LawNames.Saturating);
        var moderate = Fit(SyntheticSweep.Series("gd", 1.0, 0.001, 1, 0.8, 0.01, 1, sizes: [2, 3, 4, 6, 8, 12, 16, 32]))
            .Single(f => f.Law == LawNames.Saturating);

        Assert.Contains(FitFlags.AlphaAtBound, steep.Flags);
        Assert.Equal(AlphaGrid.Default.Max, steep.Alpha!.Value, 3);
        Assert.DoesNotContain(FitFlags.AlphaAtBound, moderate.Flags);
    }

    [Fact]
    public void Losses_rising_with_size_put_A_at_its_bound()
    {
        // L = 0.1 · N^0.2: no decaying law fits better than a constant.
        var flat = Fit(SyntheticSweep.Series("gd", 1.0, 0, 0.1, -0.2, 0.01, 1, sizes: [16, 64, 256, 1024]))
            .Single(f => f.Law == LawNames.Saturating);

        Assert.Contains(FitFlags.AAtBound, flat.Flags);
    }

    [Fact]
    public void Diverged_cells_are_excluded_and_counted()
    {
        var data = SyntheticSweep.Series("gd", 1.0, 0.01, 1, 0.5, 0.05, 1);
        var clean = Fit(data);
        data.Add(new Observation("gd", 1.0, 2048, 0, double.NaN, true));
        data.Add(new Observation("gd", 1.0, 2048, 1, double.PositiveInfinity, false));
        data.Add(new Observation("gd", 1.0, 64, 99, 1e30, true));

        var fits = Fit(data);

        Assert.All(fits, f => Assert.Contains(FitFlags.DivergedExcluded, f.Flags));
        Assert.All(fits, f => Assert.Equal(3, f.DivergedExcluded));
        Assert.Equal(clean.Select(f => f.Alpha), fits.Select(f => f.Alpha));
        Assert.Equal(clean.Select(f => f.CellCount), fits.Select(f => f.CellCount));
    }

    [Fact]
    public void One_seed_per_size_makes_the_bootstrap_impossible()
    {
        var fits = Fit(SyntheticSweep.Series("gd", 1.0, 0.01, 1, 0.5, 0.05, 1, seeds: 1));

        Assert.All(fits, f => Assert.Contains(FitFlags.SingleSeed, f.Flags));
        Assert.All(fits, f => Assert.Null(f.AlphaBootCiLow));
        var power = fits.Single(f => f.Law == LawNames.Power);
        Assert.NotNull(power.AlphaCiLow); // the t-interval still exists
    }

    /// <summary>
    /// Each law on data of its own form (a floor only for the saturating law: a power law through a floor rightly
    /// fails its extrapolation check), over enough sizes and seeds for the checks on the largest size to be sharp.
    /// </summary>
    [Theory]
    [InlineData(LawNames.Power, 0.0)]
    [InlineData(LawNames.Saturating, 0.01)]
    public void A_clean_well_spread_series_of_the_laws_form_has_no_flags(string law, double floor)
    {
        var data = SyntheticSweep.Series("gd", 1.0, floor, 1, 0.5, 0.05, 1, sizes: [16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192], seeds: 10);

        Assert.Empty(Fit(data).Single(f => f.Law == law).Flags);
    }
}
