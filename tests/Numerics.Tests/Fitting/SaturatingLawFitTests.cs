using Xunit;
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
}
