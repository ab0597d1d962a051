using Orchestrator.Numerics.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

public sealed class BootstrapCoverageTests(ITestOutputHelper output)
{
    private const double TrueE = 0.02, TrueA = 1.5, TrueAlpha = 0.5;
    private static readonly int[] Sizes = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192];

    /// <summary>
    /// The saturating law's primary interval (bootstrap percentile) must cover the true α in about 95% of repeats:
    /// 200 independent synthetic series (10 sizes × 10 seeds, 10% log-normal noise), each with its own data seed,
    /// 300 resamples each. With 200 repeats the count's standard deviation is about 3, so 90–99% is a fair band.
    /// </summary>
    [Fact]
    public void Saturating_alpha_interval_covers_the_truth_at_about_the_nominal_rate()
    {
        var options = new FitOptions { BootstrapResamples = 300 };
        int covered = 0, repeats = 200;
        for (int repeat = 0; repeat < repeats; repeat++)
        {
            var data = SyntheticSweep.Series("gd", 1.0, TrueE, TrueA, TrueAlpha, noise: 0.1, seed: 1000 + (ulong)repeat, sizes: Sizes, seeds: 10);
            var fit = ScalingLawAnalysis.FitSeries("gd", 1.0, data, options).Single(f => f.Law == LawNames.Saturating);
            if (fit.AlphaCiLow <= TrueAlpha && TrueAlpha <= fit.AlphaCiHigh)
            {
                covered++;
            }
        }

        double coverage = (double)covered / repeats;
        output.WriteLine($"coverage {coverage:P1}");
        Assert.InRange(coverage, 0.90, 0.99);
    }

    /// <summary>The power law's primary interval (Student t) on pure power-law data: same band, 200 repeats.</summary>
    [Fact]
    public void Power_alpha_t_interval_covers_the_truth_at_about_the_nominal_rate()
    {
        var options = new FitOptions { BootstrapResamples = 0 };
        int covered = 0, repeats = 200;
        for (int repeat = 0; repeat < repeats; repeat++)
        {
            var data = SyntheticSweep.Series("gd", 1.0, 0, TrueA, TrueAlpha, noise: 0.1, seed: 5000 + (ulong)repeat, sizes: Sizes, seeds: 3);
            var fit = ScalingLawAnalysis.FitSeries("gd", 1.0, data, options).Single(f => f.Law == LawNames.Power);
            if (fit.AlphaCiLow <= TrueAlpha && TrueAlpha <= fit.AlphaCiHigh)
            {
                covered++;
            }
        }

        double coverage = (double)covered / repeats;
        output.WriteLine($"coverage {coverage:P1}");
        Assert.InRange(coverage, 0.90, 0.99);
    }
}
